System.Console.WriteLine("doclint");
