Console.WriteLine("The Go binary this project ships passed GoBootCheck's built-in rules and the Acme.GoRules pack.");
