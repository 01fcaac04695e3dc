// cgohello calls C: with cgo the binary's start-up runs the C library's and then _cgo_init, which sets the stack
// bounds of g0 that GBC0003 checks.
package main

/*
#include <stdio.h>
static int triple(int x) { return 3 * x; }
*/
import "C"

import (
	"fmt"
	"runtime"
)

func main() {
	fmt.Printf("hello from %s with cgo: C says triple(14) = %d\n", runtime.Version(), int(C.triple(14)))
}
