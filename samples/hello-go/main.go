// hello-go is the Go program that the GoBootCheck sample verifies: a small program whose start-up goes
// through the whole Go runtime bootstrap (rt0_go, settls, schedinit, newproc, mstart).
package main

import (
	"fmt"
	"os"
	"runtime"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	results := make([]int, 4)
	for i := range results {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results[i] = fib(20 + i)
		}(i)
	}
	wg.Wait()
	fmt.Fprintf(os.Stdout, "hello from %s: %v\n", runtime.Version(), results)
}

// fib recurses deeply enough to grow the goroutine stack, which exercises the stack-check prologues.
func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}
