//! `.save`: an entry as a line of a script that `cwh run` executes with the same printed
//! result. An entry whose value the session showed gets its last statement wrapped in the
//! matching `print(…)` call; the split point comes from the compiled AST.
use super::output::{self, Shown};
use rhai::{Engine, Expr, Position, Scope, Stmt};

fn key(p: Position) -> (usize, usize) {
    (
        p.line().unwrap_or(usize::MAX),
        p.position().unwrap_or(usize::MAX),
    )
}

fn earliest(a: Position, b: Position) -> Position {
    if key(b) < key(a) { b } else { a }
}

/// Where an expression starts in the text: the earliest position of its parts.
fn start(e: &Expr) -> Position {
    match e {
        // `a + b` and `x in y` (a `contains(y, x)` call) sit at the operator.
        Expr::FnCall(f, pos) => f.args.iter().map(start).fold(*pos, earliest),
        Expr::Dot(x, ..) | Expr::Index(x, ..) => start(&x.lhs),
        Expr::And(x, ..) | Expr::Or(x, ..) | Expr::Coalesce(x, ..) => {
            x.iter().map(start).fold(e.position(), earliest)
        }
        _ => e.start_position(),
    }
}

fn stmt_start(s: &Stmt) -> Position {
    match s {
        Stmt::Expr(e) => start(e),
        Stmt::FnCall(f, pos) => start(&Expr::FnCall(f.clone(), *pos)),
        other => other.position(),
    }
}

/// The entry ended as a statement of a script: the REPL runs `let x = 1` without its `;`, a
/// saved script needs it before the next line. Blocks (`fn f() {}`, `if … {}`) need none; a
/// trailing `//` comment gets the `;` on a line of its own.
fn terminated(entry: String) -> String {
    let t = entry.trim_end();
    if t.is_empty() || t.ends_with(';') || t.ends_with('}') {
        return t.to_string();
    }
    let last = t.lines().last().unwrap_or_default();
    if last.contains("//") {
        format!("{t}\n;")
    } else {
        format!("{t};")
    }
}

/// The entry as saved. `text` is the entry (it compiled in `engine` with `scope`); `shown`
/// says how its value was shown (`None`: nothing shown, saved as it is, ended with `;`).
pub fn saved_form(engine: &Engine, scope: &Scope, text: &str, shown: Option<Shown>) -> String {
    terminated(saved_inner(engine, scope, text, shown))
}

fn saved_inner(engine: &Engine, scope: &Scope, text: &str, shown: Option<Shown>) -> String {
    let plain = text.trim().to_string();
    let Some(how) = shown else {
        return plain;
    };
    // Positions from a parse without optimisation (constant folding moves them) and without
    // strict variables (no scope needed).
    let mut parser = Engine::new_raw();
    parser.set_optimization_level(rhai::OptimizationLevel::None);
    let Ok(ast) = parser.compile(text) else {
        return plain;
    };
    let Some(last) = ast.statements().last() else {
        return plain;
    };
    let pos = stmt_start(last);
    let (Some(line), Some(col)) = (pos.line(), pos.position()) else {
        return plain;
    };
    let Some(mut off) = crate::script::diagnostics::offset_of(text, line, col) else {
        return plain;
    };
    // An operand in parentheses starts at the first `(` before it.
    let mut scan = off;
    while let Some(c) = text[..scan].chars().next_back()
        && (c.is_whitespace() || c == '(')
    {
        scan -= c.len_utf8();
        if c == '(' {
            off = scan;
        }
    }
    let head = &text[..off];
    let tail = text[off..].trim().trim_end_matches(';').trim_end();
    if tail.is_empty() {
        return plain;
    }
    let candidate = format!("{head}{}", output::print_call(tail, how));
    // Keep the wrapped form only when it is still a script (a split point we got wrong
    // would break it): otherwise save the entry as it is.
    match engine.compile_with_scope(scope, &candidate) {
        Ok(_) => candidate.trim().to_string(),
        Err(_) => plain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn save(pre: &str, text: &str, how: Shown) -> String {
        let engine = Engine::new();
        let mut scope = Scope::new();
        engine.run_with_scope(&mut scope, pre).unwrap();
        engine.compile_with_scope(&scope, text).unwrap();
        saved_form(&engine, &scope, text, Some(how))
    }

    #[test]
    fn wraps_the_last_statement() {
        assert_eq!(
            save("let x = 2;", "x * 21", Shown::Debug),
            "print(to_debug(x * 21));"
        );
        assert_eq!(
            save("", "let y = 1;\ny + 2;", Shown::Debug),
            "let y = 1;\nprint(to_debug(y + 2));"
        );
        assert_eq!(
            save("", "(1 + 2) * 3", Shown::Debug),
            "print(to_debug((1 + 2) * 3));"
        );
        assert_eq!(
            save("let s = \"a\";", "s + \"b\"", Shown::Raw),
            "print(s + \"b\");"
        );
        assert_eq!(
            save("let a = [1];", "2 in a", Shown::Debug),
            "print(to_debug(2 in a));"
        );
        assert_eq!(
            save("", "[#{a: 1}]", Shown::Table),
            "print(table([#{a: 1}]));"
        );
        assert_eq!(
            save("let s = \"abc\";", "s.len()", Shown::Debug),
            "print(to_debug(s.len()));"
        );
        assert_eq!(
            save("", "fn f(a) { a + 1 }\nf(1)", Shown::Debug),
            "fn f(a) { a + 1 }\nprint(to_debug(f(1)));"
        );
        assert_eq!(
            save("let x = 1;", "if x > 0 { 1 } else { 2 }", Shown::Debug),
            "print(to_debug(if x > 0 { 1 } else { 2 }));"
        );
    }

    #[test]
    fn saved_entries_end_as_statements() {
        let engine = Engine::new();
        let scope = Scope::new();
        let a = saved_form(&engine, &scope, "let x = 1", None);
        let b = saved_form(&engine, &scope, "let y = x + 1 // note", None);
        let c = saved_form(&engine, &scope, "fn f() { 1 }", None);
        let d = saved_form(&engine, &scope, "print(y)", None);
        assert_eq!(a, "let x = 1;");
        assert_eq!(c, "fn f() { 1 }");
        let script = [a, b, c, d].join("\n");
        engine.compile(&script).unwrap();
    }
}
