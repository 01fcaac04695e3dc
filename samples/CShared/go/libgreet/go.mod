module example.com/libgreet

go 1.21
