// libgreet (go/greet) is a Go library for C callers (go build -buildmode=c-shared): loading it runs the Go runtime's start-up
// from the library's .init_array, which is what GoBootCheck verifies for a shared object.
package main

/*
#include <stdlib.h>
*/
import "C"

import (
	"runtime"
	"unsafe"
)

//export Add
func Add(a, b int64) int64 { return a + b }

//export Fib
func Fib(n int64) int64 {
	if n < 2 {
		return n
	}
	return Fib(n-1) + Fib(n-2)
}

//export GoVersion
func GoVersion() *C.char { return C.CString(runtime.Version()) }

//export FreeString
func FreeString(s *C.char) { C.free(unsafe.Pointer(s)) }

func main() {}
