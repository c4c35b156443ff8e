//! The `factdiff` binary: parses the command line and hands over to a command.

use std::process::ExitCode;

fn main() -> ExitCode {
    factdiff::commands::main()
}

/// mimalloc instead of the system allocator: a check run allocates and frees a few strings
/// per word of every article, which costs the system allocator about a sixth of the run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
