//! `[limits]`: the work budget of every reader, so that no input can make a run slow, large
//! or deep. Past a limit the reader stops, the value there is unknown, and the rule reading
//! it reports one warning naming the budget (never an error: a budget says nothing about
//! the input's correctness). The defaults suit any hand-written repository with a wide
//! margin; raise one only when a warning names it on a file you trust.
//!
//! The reader crates use these structs as their own limit types (`ops_syntax::shell::Limits`
//! is [`ShellLimits`], ...), so each default is written once, here.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Limits that keep a run bounded: file size, then one table per reader
/// (`[limits.shell]`, `[limits.make]`, `[limits.yaml]`, `[limits.python]`,
/// `[limits.schema]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Files larger than this many bytes are not read (every reader); a rule that needs one
    /// reports it.
    pub max_file_size: u64,
    /// The shell reader (scripts, recipe lines, code blocks, workflow `run:` steps).
    pub shell: ShellLimits,
    /// The GNU make reader (makefiles and their includes).
    pub make: MakeLimits,
    /// The YAML reader (manifests, workflows, compose files).
    pub yaml: YamlLimits,
    /// The Python reader (helper scripts and deprecated modules).
    pub python: PythonLimits,
    /// The JSON Schema registry (schemas under the schemas directory).
    pub schema: SchemaLimits,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_size: 16 * 1024 * 1024,
            shell: ShellLimits::default(),
            make: MakeLimits::default(),
            yaml: YamlLimits::default(),
            python: PythonLimits::default(),
            schema: SchemaLimits::default(),
        }
    }
}

/// The work budget of the shell reader (`ops_syntax::shell::Limits`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ShellLimits {
    /// Largest script read, in bytes; the text past it is not read.
    pub max_input_bytes: usize,
    /// Most tokens lexed (nested `$( )` included); the rest of the text is not read.
    pub max_tokens: usize,
    /// Deepest nesting of `$( )`, backticks, `${ }` and compound commands, in levels;
    /// deeper text is one unknown stretch.
    pub max_nesting: usize,
    /// Longest evaluated value, in bytes of known text; a longer one is unknown.
    pub max_value_bytes: usize,
    /// Deepest chain of shell function calls followed (`source` chains are not followed:
    /// a sourced file is read on its own).
    pub max_call_depth: usize,
    /// Most simple commands evaluated in one walk of a script (function bodies count once
    /// per call).
    pub max_steps: usize,
}

impl Default for ShellLimits {
    fn default() -> ShellLimits {
        ShellLimits {
            max_input_bytes: 8 * 1024 * 1024,
            max_tokens: 4_000_000,
            max_nesting: 40,
            max_value_bytes: 64 * 1024,
            max_call_depth: 16,
            max_steps: 500_000,
        }
    }
}

/// The work budget of the GNU make reader (`ops_syntax::make::Limits`). A makefile with
/// 50,000 targets or 10,000 includes reads within the defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct MakeLimits {
    /// Largest makefile read, in bytes; a larger one is not read.
    pub max_file_bytes: usize,
    /// Bytes read over a makefile and all its includes; past it, includes are not read.
    pub max_total_bytes: usize,
    /// Includes read (a file included twice counts twice, as make reads it twice).
    pub max_includes: usize,
    /// Include nesting, in levels (the root makefile is level 0).
    pub max_include_depth: usize,
    /// Nesting of conditionals (`ifeq` inside `ifdef` ...), in levels.
    pub max_conditional_depth: usize,
    /// Nesting of variable references and function calls in one expansion, in levels.
    pub max_expansion_depth: usize,
    /// Bytes one expansion may produce, counting intermediate text (function arguments).
    pub max_expansion_bytes: usize,
    /// References and function calls (and words a function walks) in one expansion.
    pub max_expansion_steps: u64,
    /// Expansion steps over a whole read; past it every expansion is unknown.
    pub max_total_steps: u64,
    /// Bytes produced by all expansions of a read; past it every expansion is unknown.
    pub max_total_expansion_bytes: usize,
    /// Recipe lines and filled-in pattern prerequisites over all targets (a rule with many
    /// targets has them once per target); past it further targets keep neither.
    pub max_rule_instances: usize,
}

impl Default for MakeLimits {
    fn default() -> MakeLimits {
        MakeLimits {
            max_file_bytes: 4 << 20,
            max_total_bytes: 64 << 20,
            max_includes: 10_000,
            max_include_depth: 64,
            max_conditional_depth: 256,
            max_expansion_depth: 64,
            max_expansion_bytes: 1 << 20,
            max_expansion_steps: 50_000,
            max_total_steps: 2_000_000,
            max_total_expansion_bytes: 64 << 20,
            max_rule_instances: 1_000_000,
        }
    }
}

/// The work budget of the YAML reader (`ops_syntax::yaml`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct YamlLimits {
    /// Largest YAML text read, in bytes; a larger one reads as one unknown document.
    pub max_input_bytes: usize,
    /// Deepest nesting of collections, in levels; deeper ones are unknown.
    pub max_depth: usize,
    /// Nodes that aliases (`*name`, merge keys included) may copy in one document; past it
    /// an alias is unknown ("billion laughs" documents stay small).
    pub max_alias_nodes: usize,
}

impl Default for YamlLimits {
    fn default() -> YamlLimits {
        YamlLimits {
            max_input_bytes: 16 * 1024 * 1024,
            max_depth: 128,
            max_alias_nodes: 200_000,
        }
    }
}

/// The work budget of the Python reader (`ops_syntax::python::Budget`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PythonLimits {
    /// Largest module parsed, in bytes; a larger one is not parsed at all. The default,
    /// 512 KiB, bounds the worst case (the parser's error recovery on random bracket and
    /// quote soup costs ~4 s of CPU per MB, valid Python ~0.4 s per MB) while no
    /// hand-written ops script comes near it.
    pub max_input_bytes: usize,
    /// Deepest nesting of statements and expressions walked (blocks, brackets, calls), in
    /// levels; a deeper subtree is skipped.
    pub max_depth: usize,
    /// Deepest nesting of one evaluated expression (`Path(a) / b / c` is 3 deep).
    pub max_eval_depth: usize,
    /// Most expression nodes evaluated in one module.
    pub max_eval_steps: usize,
    /// Longest known text of one value, in bytes (`A = A + A` doubles at each line).
    pub max_value_bytes: usize,
}

impl Default for PythonLimits {
    fn default() -> PythonLimits {
        PythonLimits {
            max_input_bytes: 512 * 1024,
            max_depth: 200,
            max_eval_depth: 64,
            max_eval_steps: 1_000_000,
            max_value_bytes: 4096,
        }
    }
}

/// The work budget of the JSON Schema registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SchemaLimits {
    /// Longest chain of `$ref`s a validator may follow on one instance location (`$ref` to
    /// a schema whose `$ref`, `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else` leads
    /// to another `$ref` ...). A schema with a longer chain is not compiled (SCH002 warns
    /// naming this key) and its manifests are not validated: validating it would recurse
    /// once per link, past any stack.
    pub max_ref_chain: usize,
}

impl Default for SchemaLimits {
    fn default() -> SchemaLimits {
        SchemaLimits {
            max_ref_chain: 1_000,
        }
    }
}
