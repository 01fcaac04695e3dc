package main

// fib recurses deeply enough to grow the goroutine stack: its prologue's stack check is what GBC0004 verifies.
func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}
