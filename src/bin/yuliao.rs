//! The yuliao command line: build bundle files and query them natively.
//!
//! ```text
//! yuliao build <corpus> -o <file> [--postings auto|always|never]   build a bundle file (prints a JSON report)
//! yuliao info <file>                       corpus statistics (JSON)
//! yuliao search <file> <query> [options]   search (JSON); options as JSON: --options '{"limit":5}'
//! yuliao query <file> <query> [options]    the same as search; with `-` as the query, one query per
//!                                          line of stdin, one JSON result per line of stdout
//! yuliao concordance <file> <query> [--options JSON]
//! yuliao filter <file> [--filters JSON] [--options JSON]
//! yuliao doc <file> <id> [--options JSON]
//! yuliao segment <file> <text>
//! ```
//!
//! It shares every line of indexing code with `build.rs` and every line of
//! query code with the wasm, so its answers are the browser's answers.

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::path::PathBuf;
    use std::process::ExitCode;
    use std::time::Instant;
    use yuliao::engine::args::Arg;
    use yuliao::engine::results::{Emit, Json};
    use yuliao::engine::Corpus;

    const USAGE: &str = "usage:
      yuliao build <corpus> -o <file> [--postings auto|always|never]
      yuliao info <file>
      yuliao search <file> <query> [--options JSON]
      yuliao query <file> <query>|- [--options JSON]   (search; `-`: queries from stdin, one per line)
      yuliao concordance <file> <query> [--options JSON]
      yuliao filter <file> [--filters JSON] [--options JSON]
      yuliao doc <file> <id> [--options JSON]
      yuliao segment <file> <text>";

    pub fn main() -> ExitCode {
        let args: Vec<String> = std::env::args().skip(1).collect();
        match run(&args) {
            Ok(out) => {
                if !out.is_empty() {
                    println!("{out}");
                }
                ExitCode::SUCCESS
            }
            Err(Failure::Usage(message)) => {
                eprintln!("error: {message}");
                ExitCode::FAILURE
            }
            Err(Failure::Api(json)) => {
                // The API error as JSON, like a result, and a failing status.
                println!("{json}");
                ExitCode::FAILURE
            }
        }
    }

    /// Why a command failed: bad usage or input (a message for stderr), or
    /// an error of the query API (its JSON, for stdout).
    enum Failure {
        Usage(String),
        Api(String),
    }

    impl From<String> for Failure {
        fn from(message: String) -> Self {
            Failure::Usage(message)
        }
    }

    impl From<&str> for Failure {
        fn from(message: &str) -> Self {
            Failure::Usage(message.to_string())
        }
    }

    fn run(args: &[String]) -> Result<String, Failure> {
        let command = args.first().ok_or(USAGE)?;
        let rest = &args[1..];
        match command.as_str() {
            "build" => Ok(build(rest)?),
            "query" if positional(rest).get(1) == Some(&"-") => Ok(query_lines(rest)?),
            "info" | "search" | "query" | "concordance" | "filter" | "doc" | "segment" => {
                query(command, rest)
            }
            "-h" | "--help" | "help" => Ok(USAGE.to_string()),
            other => Err(format!("unknown command `{other}`\n{USAGE}").into()),
        }
    }

    /// The value after `--name`, if given.
    fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
        args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(String::as_str)
    }

    /// Positional arguments (those not part of a `--flag value` pair).
    fn positional(args: &[String]) -> Vec<&str> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < args.len() {
            if args[i].starts_with("--") || args[i] == "-o" {
                i += 2;
            } else {
                out.push(args[i].as_str());
                i += 1;
            }
        }
        out
    }

    fn build(args: &[String]) -> Result<String, String> {
        let corpus_path = positional(args).first().map(PathBuf::from).ok_or(USAGE)?;
        let out = flag(args, "-o").map(PathBuf::from).ok_or("missing -o <file>")?;
        let started = Instant::now();
        let corpus = yuliao::corpus::read(&corpus_path).map_err(|e| e.to_string())?;
        for w in &corpus.warnings {
            eprintln!("warning: {w}");
        }
        let read_seconds = started.elapsed().as_secs_f64();
        let postings = match flag(args, "--postings").unwrap_or("auto") {
            "auto" => yuliao::index::PostingsChoice::Auto,
            "always" => yuliao::index::PostingsChoice::Always,
            "never" => yuliao::index::PostingsChoice::Never,
            other => return Err(format!("--postings must be auto, always or never, not `{other}`")),
        };
        let options = yuliao::index::Options { postings };
        let (bytes, report) =
            yuliao::index::build_with(&corpus.documents, options).map_err(|e| e.to_string())?;
        std::fs::write(&out, &bytes).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
        let seconds = started.elapsed().as_secs_f64();
        Ok(format!(
            "{{\"corpus\":{},\"bundle\":{},\"documents\":{},\"characters\":{},\"textBytes\":{},\"tokens\":{},\"words\":{},\"jiebaAgreement\":{:.5},\"bundleBytes\":{},\"postingsBytes\":{},\"readSeconds\":{:.3},\"seconds\":{:.3},\"peakMemoryBytes\":{}}}",
            json_str(&corpus_path.display().to_string()),
            json_str(&out.display().to_string()),
            report.documents,
            report.characters,
            report.text_bytes,
            report.tokens,
            report.words,
            report.agreement,
            report.bundle_bytes,
            report.postings_bytes,
            read_seconds,
            seconds,
            peak_memory().map_or("null".into(), |b| b.to_string()),
        ))
    }

    /// Read and open the bundle file named first in `args`.
    fn open(args: &[String]) -> Result<Vec<u8>, String> {
        let pos = positional(args);
        let file = pos.first().ok_or(USAGE)?;
        let bytes = std::fs::read(file).map_err(|e| format!("cannot read {file}: {e}"))?;
        Corpus::open(&bytes, true).map_err(|e| format!("{file}: {e}"))?;
        Ok(bytes)
    }

    /// One API call on a bundle file, as JSON.
    fn query(command: &str, args: &[String]) -> Result<String, Failure> {
        let pos = positional(args);
        let bytes = open(args)?;
        let corpus = Corpus::reopen(&bytes).map_err(|e| e.to_string())?;
        let options = json_arg(flag(args, "--options"))?;
        let text = |i: usize| pos.get(i).map(|s| Arg::String(s.to_string())).ok_or(USAGE.to_string());
        let (json, ok) = match command {
            "info" => emit(&corpus.info()),
            "search" | "query" => emit(&corpus.search(&text(1)?, &options)),
            "concordance" => emit(&corpus.concordance(&text(1)?, &options)),
            "filter" => emit(&corpus.filter(&json_arg(flag(args, "--filters"))?, &options)),
            "doc" => {
                let id: f64 = pos.get(1).ok_or(USAGE)?.parse().map_err(|_| "the id must be a number")?;
                emit(&corpus.doc(&Arg::Number(id), &options))
            }
            _ => emit(&corpus.segment_arg(&text(1)?)),
        };
        if ok {
            Ok(json)
        } else {
            Err(Failure::Api(json))
        }
    }

    /// `query <file> -`: a search per line of stdin (empty lines skipped),
    /// a JSON result (or error) per line of stdout, the bundle opened once.
    fn query_lines(args: &[String]) -> Result<String, Failure> {
        use std::io::{BufRead, Write};
        let bytes = open(args)?;
        let corpus = Corpus::reopen(&bytes).map_err(|e| e.to_string())?;
        let options = json_arg(flag(args, "--options"))?;
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        let mut failed = false;
        for line in std::io::stdin().lock().lines() {
            let line = line.map_err(|e| format!("cannot read stdin: {e}"))?;
            if line.trim().is_empty() {
                continue;
            }
            let (json, ok) = emit(&corpus.search(&Arg::String(line), &options));
            failed |= !ok;
            writeln!(out, "{json}").map_err(|e| format!("cannot write stdout: {e}"))?;
        }
        out.flush().map_err(|e| format!("cannot write stdout: {e}"))?;
        if failed {
            return Err(Failure::Usage("some queries failed (see their JSON lines)".into()));
        }
        Ok(String::new())
    }

    /// A result as JSON, and whether it is a success.
    fn emit<T: Emit>(result: &Result<T, yuliao::Error>) -> (String, bool) {
        (Json::text(result), result.is_ok())
    }

    /// A JSON option string as an API argument.
    fn json_arg(text: Option<&str>) -> Result<Arg, String> {
        let Some(text) = text else { return Ok(Arg::Undefined) };
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("invalid JSON `{text}`: {e}"))?;
        Ok(to_arg(value))
    }

    fn to_arg(v: serde_json::Value) -> Arg {
        use serde_json::Value;
        match v {
            Value::Null => Arg::Null,
            Value::Bool(b) => Arg::Bool(b),
            Value::Number(n) => Arg::Number(n.as_f64().unwrap_or(f64::NAN)),
            Value::String(s) => Arg::String(s),
            Value::Array(a) => Arg::List(a.into_iter().map(to_arg).collect()),
            Value::Object(o) => Arg::Map(o.into_iter().map(|(k, v)| (k, to_arg(v))).collect()),
        }
    }

    fn json_str(s: &str) -> String {
        serde_json::Value::String(s.to_string()).to_string()
    }

    /// Peak resident memory of this process (Linux), in bytes.
    fn peak_memory() -> Option<u64> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb * 1024)
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

/// The command line is native only; on wasm32 the library is the product.
#[cfg(target_arch = "wasm32")]
fn main() {}
