//! The `ops-check` binary: see `ops-check --help`.

use std::process::ExitCode;

/// jemalloc rather than the system allocator: rules allocate many small, short-lived values
/// (tokens, words, evaluated paths), and glibc's malloc and free were a fifth of a run's
/// CPU. Measured with `farm-bench` on generated legacy trees: 20,000 files 1.94 -> 1.73 s
/// CPU with the same peak RSS (51 MiB); 100,000 files 11.8 -> 7.8 s user, peak RSS 181 ->
/// 172 MB. (mimalloc was as fast but doubled the peak RSS of the 20,000-file run.)
/// jemalloc's options (`thp:always,narenas:1`: transparent huge pages, one arena) are set
/// at build time, in the workspace's `.cargo/config.toml`.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    ops_check::cli::run(std::env::args_os())
}
