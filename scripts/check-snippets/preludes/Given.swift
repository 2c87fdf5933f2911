// Compiled with every prelude: the snippets are type-checked, never run, so what a reader has made themselves (a
// client, a transport) can be declared without making it.

/// A value of any type, for a prelude's declarations.
func given<T>() -> T { fatalError("snippets are type-checked, not run") }
