module example.com/mixedrepo/greeter

go 1.21
