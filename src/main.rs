//! The `factdiff` binary: parses the command line and hands over to a command.

use std::process::ExitCode;

fn main() -> ExitCode {
    // This thread is one of the pool's threads (the pool starts one fewer of its own): it
    // would otherwise wait while the workers check articles, or, reporting them as they come
    // (`check --no-cross`), run beside as many workers as there are cores. It takes jobs only
    // where it waits on the pool or yields to it. Should the pool fail to start this way,
    // rayon starts its usual one when first used.
    let _ = rayon::ThreadPoolBuilder::new()
        .use_current_thread()
        .build_global();
    factdiff::commands::main()
}

/// mimalloc instead of the system allocator: a check run allocates and frees a few strings
/// per word of every article, which costs the system allocator about a sixth of the run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
