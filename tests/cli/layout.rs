//! The layout of `src/` keeps the pipeline readable from the commands downward: no module
//! imports, directly or through others, a module that imports it back.
//!
//! The module graph is read from the source text: every `crate::…` and `super::…` path, and a
//! parent's paths into its own children (`read::x` in `ingest/mod.rs`), with comments and the
//! `#[cfg(test)] mod tests` blocks left out (a test may reach anywhere). A path names the
//! longest module it starts with; `crate::a::{b, c}` names `a::b` and `a::c`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module name ("" for the crate root, "ingest::read" …) → its source with comments and test
/// blocks removed.
fn modules(src: &Path) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.expect("src/ is readable");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let relative = path
            .strip_prefix(src)
            .expect("under src/")
            .with_extension("");
        let mut parts: Vec<String> = relative
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        if matches!(
            parts.last().map(String::as_str),
            Some("mod" | "lib" | "main")
        ) {
            parts.pop();
        }
        let text = std::fs::read_to_string(path).expect("source is UTF-8");
        found.insert(parts.join("::"), without_tests_and_comments(&text));
    }
    found
}

fn without_tests_and_comments(text: &str) -> String {
    let code = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    };
    code.lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths of `code` that start with `prefix` ("crate", "super", or a child's name), each
/// as its segments after the prefix, a `{…}` group expanded one level.
fn paths_after(code: &str, prefix: &str) -> Vec<Vec<String>> {
    let pattern = regex::Regex::new(&format!(r"(?:^|[^:\w]){prefix}((?:::\w+)*)(::\{{)?"))
        .expect("a valid pattern");
    let mut paths = Vec::new();
    for found in pattern.captures_iter(code) {
        let head: Vec<String> = found[1]
            .split("::")
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        let Some(group) = found.get(2) else {
            paths.push(head);
            continue;
        };
        // The items of the group, split at commas outside nested braces.
        let (mut depth, mut item, rest) = (0, String::new(), &code[group.end()..]);
        for c in rest.chars() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => break,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    paths.push(joined(&head, &item));
                    item.clear();
                    continue;
                }
                _ => {}
            }
            item.push(c);
        }
        paths.push(joined(&head, &item));
    }
    paths
}

fn joined(head: &[String], item: &str) -> Vec<String> {
    let mut path = head.to_vec();
    let first = item
        .trim()
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .next()
        .unwrap_or("");
    if !first.is_empty() && first != "self" {
        path.push(first.to_string());
    }
    path
}

/// The longest module that `base` followed by `path` starts with.
fn resolve(modules: &BTreeMap<String, String>, base: &[&str], path: &[String]) -> Option<String> {
    let mut full: Vec<&str> = base.to_vec();
    full.extend(path.iter().map(String::as_str));
    (1..=full.len())
        .rev()
        .map(|n| full[..n].join("::"))
        .find(|name| modules.contains_key(name))
}

fn import_graph(modules: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph = BTreeMap::new();
    for (name, code) in modules {
        let own: Vec<&str> = name.split("::").filter(|s| !s.is_empty()).collect();
        let parent = &own[..own.len().saturating_sub(1)];
        let mut edges = BTreeSet::new();
        // `pub(crate)` and `pub(super)` are no paths: only a word followed by `::` is.
        for path in paths_after(code, "crate").iter().filter(|p| !p.is_empty()) {
            edges.extend(resolve(modules, &[], path));
        }
        for path in paths_after(code, "super").iter().filter(|p| !p.is_empty()) {
            edges.extend(resolve(modules, parent, path));
        }
        let children = modules.keys().filter(|child| {
            child
                .rsplit_once("::")
                .map_or(!child.is_empty() && name.is_empty(), |(p, _)| p == name)
        });
        for child in children {
            let last = child.rsplit("::").next().unwrap_or(child);
            // A bare word is no path: `read::x` names the child, the word "read" alone not.
            if paths_after(code, last).iter().any(|path| !path.is_empty()) {
                edges.insert(child.clone());
            }
        }
        edges.remove(name);
        edges.remove("");
        graph.insert(name.clone(), edges);
    }
    graph
}

/// A cycle of the graph, if there is one, as the modules along it.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit<'g>(
        node: &'g str,
        graph: &'g BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<&'g str, Mark>,
        stack: &mut Vec<&'g str>,
    ) -> Option<Vec<String>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let from = stack.iter().position(|n| *n == node).unwrap_or(0);
                let mut cycle: Vec<String> = stack[from..].iter().map(|s| s.to_string()).collect();
                cycle.push(node.to_string());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node, Mark::Open);
        stack.push(node);
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, marks, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        marks.insert(node, Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut marks, &mut Vec::new()))
}

#[test]
fn no_module_imports_a_module_that_imports_it_back() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules = modules(&src);
    let graph = import_graph(&modules);
    assert!(graph.len() > 40, "the modules of src/ were found");
    assert!(
        graph["pipeline"].contains("ingest::read") && graph["commands"].contains("pipeline"),
        "the graph sees the imports"
    );
    assert_eq!(find_cycle(&graph), None, "an import circle in src/");
}

#[test]
fn the_cycle_finder_finds_an_import_circle() {
    let modules: BTreeMap<String, String> = [
        ("", "pub mod a; pub mod b;"),
        ("a", "use crate::b::{self, thing};"),
        ("b", "pub(crate) fn f() {}\nuse super::a::Other;"),
    ]
    .into_iter()
    .map(|(name, code)| (name.to_string(), code.to_string()))
    .collect();
    let cycle = find_cycle(&import_graph(&modules)).expect("a and b import each other");
    assert!(cycle.contains(&"a".to_string()) && cycle.contains(&"b".to_string()));
}
