//! The `factdiff` binary: parses the command line and hands over to a command.

use std::process::ExitCode;

fn main() -> ExitCode {
    factdiff::commands::main()
}
