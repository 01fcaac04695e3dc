// greeter is the Go tool of the MixedRepo sample: a small program whose start-up goes through the whole Go runtime
// bootstrap (rt0_go, settls, schedinit, newproc, mstart) and whose recursion grows goroutine stacks.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
)

func main() {
	n := 20
	if len(os.Args) > 1 {
		if v, err := strconv.Atoi(os.Args[1]); err == nil {
			n = v
		}
	}
	var wg sync.WaitGroup
	results := make([]int, 4)
	for i := range results {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results[i] = fib(n + i)
		}(i)
	}
	wg.Wait()
	fmt.Printf("hello from %s, fib(%d..%d) = %v\n", runtime.Version(), n, n+3, results)
}
