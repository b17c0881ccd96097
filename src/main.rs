//! The `tmalign` command line. All the work is in the library and in `cli/`.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
