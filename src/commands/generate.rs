//! `generate --rows N`: a realistic batch file, for trials and benchmarks.

use std::io::Write;

use super::Exit;

pub fn generate(rows: usize, seed: u64, output: &str, err: &mut dyn Write) -> Exit {
    let r = if output == "-" {
        crate::batch::generate::write(rows, seed, &mut std::io::BufWriter::new(std::io::stdout()))
    } else {
        std::fs::File::create(output).and_then(|f| {
            crate::batch::generate::write(rows, seed, &mut std::io::BufWriter::new(f))
        })
    };
    match r {
        Ok(()) => Exit::Clean,
        Err(e) => {
            let _ = writeln!(err, "{output}: {e}");
            Exit::BadInput
        }
    }
}
