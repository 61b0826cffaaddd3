//! The yuliao command line: build bundle files and query them natively.
//!
//! ```text
//! yuliao build <corpus> -o <file> [--postings auto|always|never]   build a bundle file (prints a JSON report)
//! yuliao info <file>                       corpus statistics (JSON)
//! yuliao search <file> <query> [--options JSON]   search; `query` is the same command, and with `-`
//!                                          as the query reads one query per line of stdin
//! yuliao concordance <file> <query> [--options JSON]
//! yuliao filter <file> [--filters JSON] [--options JSON]
//! yuliao doc <file> <id> [--options JSON]
//! yuliao segment <file> <text>
//! yuliao frequencies <file> [<query>] [--options JSON] [--format csv] [--about FILE]
//! yuliao collocates <file> <query> [--options JSON] [--format csv] [--about FILE]
//! yuliao ngrams <file> [--options JSON] [--format csv] [--about FILE]
//! yuliao dispersion <file> <query> [--options JSON] [--format csv] [--about FILE]
//! yuliao keywords <file> --options '{"focus":{…}}' [--format csv] [--about FILE]
//! yuliao export <corpus or bundle> --format vrt|conllu [-o FILE]
//! ```
//!
//! With `--format csv` (also for `concordance`) the table is printed as CSV
//! (every row), and `--about FILE` writes what it is (query, filters, N,
//! date) as JSON.
//!
//! Arguments are parsed by clap; `--` ends the options, so a query that
//! starts with a dash can be given (`yuliao search f.bundle -- -x`). Every
//! answer is the JSON the JavaScript API returns (the same serde derives);
//! an API error is printed as `{"error": …, "kind": …}` with exit status 1.
//! It shares every line of indexing code with `build.rs` and every line of
//! query code with the wasm, so its answers are the browser's answers.

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use clap::{Parser, Subcommand, ValueEnum};
    use serde::Serialize;
    use std::io::{BufRead, Write};
    use std::path::PathBuf;
    use std::process::ExitCode;
    use std::time::Instant;
    use yuliao::engine::options::{self, Filters};
    use yuliao::engine::tokens::TokenCache;
    use yuliao::engine::Corpus;

    /// Query a Chinese text corpus: build bundle files and answer the
    /// JavaScript API's calls natively, as JSON.
    #[derive(Parser)]
    #[command(name = "yuliao", version, about)]
    struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Build a bundle file from a corpus (a .txt page, a .jsonl file or a
        /// directory of them); prints a JSON report.
        Build {
            /// The corpus file or directory.
            corpus: PathBuf,
            /// The bundle file to write.
            #[arg(short = 'o', long = "output")]
            output: PathBuf,
            /// Whether to build character postings (auto: from 1 MiB of text).
            #[arg(long, value_enum, default_value_t = Postings::Auto)]
            postings: Postings,
        },
        /// Corpus statistics and facet values.
        Info {
            /// The bundle file.
            bundle: PathBuf,
        },
        /// Search; `-` as the query reads one query per line of stdin and
        /// prints one JSON line per query.
        #[command(alias = "query")]
        Search {
            /// The bundle file.
            bundle: PathBuf,
            /// The query (the search syntax of the README), or `-`.
            #[arg(allow_hyphen_values = true)]
            query: String,
            /// Search options as JSON, e.g. '{"limit":5}'.
            #[arg(long)]
            options: Option<String>,
        },
        /// Every occurrence of a word, phrase or CQL pattern, with context (KWIC).
        Concordance {
            /// The bundle file.
            bundle: PathBuf,
            /// The word, phrase or CQL pattern.
            #[arg(allow_hyphen_values = true)]
            query: String,
            #[command(flatten)]
            table: Table,
        },
        /// Browse without a query: the documents passing the filters.
        Filter {
            /// The bundle file.
            bundle: PathBuf,
            /// Filters as JSON, e.g. '{"kind":["photo"]}'.
            #[arg(long)]
            filters: Option<String>,
            /// Filter options as JSON, e.g. '{"limit":20}'.
            #[arg(long)]
            options: Option<String>,
        },
        /// One whole document.
        Doc {
            /// The bundle file.
            bundle: PathBuf,
            /// The document id.
            id: f64,
            /// Doc options as JSON, e.g. '{"query":"拉萨"}'.
            #[arg(long)]
            options: Option<String>,
        },
        /// Completions of a prefix typed in characters or pinyin: corpus words
        /// (and phrases, for pinyin), most frequent first
        Suggest {
            /// The bundle file.
            bundle: PathBuf,
            /// The prefix: characters (`党`) or pinyin (`dangj`, `djg`).
            #[arg(allow_hyphen_values = true)]
            prefix: String,
            /// Suggest options as JSON, e.g. '{"limit":5}'.
            #[arg(long)]
            options: Option<String>,
        },
        /// Segment text with the corpus vocabulary.
        Segment {
            /// The bundle file.
            bundle: PathBuf,
            /// The text.
            #[arg(allow_hyphen_values = true)]
            text: String,
        },
        /// A frequency list: of the corpus's words (no query), of tags or a
        /// field's values (option `by`), or of what a query matched.
        Frequencies {
            /// The bundle file.
            bundle: PathBuf,
            /// A word, phrase or CQL pattern (optional).
            #[arg(allow_hyphen_values = true)]
            query: Option<String>,
            #[command(flatten)]
            table: Table,
        },
        /// The collocates of a query, with every association score.
        Collocates {
            /// The bundle file.
            bundle: PathBuf,
            /// A word, phrase or CQL pattern.
            #[arg(allow_hyphen_values = true)]
            query: String,
            #[command(flatten)]
            table: Table,
        },
        /// The n-grams of the corpus.
        Ngrams {
            /// The bundle file.
            bundle: PathBuf,
            #[command(flatten)]
            table: Table,
        },
        /// How a query's matches spread over documents or a field's values.
        Dispersion {
            /// The bundle file.
            bundle: PathBuf,
            /// A word, phrase or CQL pattern.
            #[arg(allow_hyphen_values = true)]
            query: String,
            #[command(flatten)]
            table: Table,
        },
        /// The keywords of a focus subcorpus (option `focus`) against a
        /// reference (option `reference`: "rest", "all" or filters).
        Keywords {
            /// The bundle file.
            bundle: PathBuf,
            #[command(flatten)]
            table: Table,
        },
        /// Write the segmented, tagged corpus for CWB/CQPweb (VRT) or
        /// Universal Dependencies tools (CoNLL-U).
        Export {
            /// A corpus (a .txt page, a .jsonl file or a directory) or a bundle file.
            input: PathBuf,
            /// The format.
            #[arg(long, value_enum)]
            format: ExportFormat,
            /// The file to write (default: standard output).
            #[arg(short = 'o', long = "output")]
            output: Option<PathBuf>,
        },
    }

    /// The options of a statistics command.
    #[derive(clap::Args)]
    struct Table {
        /// Options as JSON, as the JavaScript API takes them.
        #[arg(long)]
        options: Option<String>,
        /// `json` (default) or `csv` (every row).
        #[arg(long, value_enum)]
        format: Option<TableFormat>,
        /// With --format csv: write what the table is (query, filters, N,
        /// date) to this file, as JSON.
        #[arg(long)]
        about: Option<PathBuf>,
    }

    #[derive(Clone, Copy, ValueEnum)]
    enum TableFormat {
        Json,
        Csv,
    }

    #[derive(Clone, Copy, ValueEnum)]
    enum ExportFormat {
        Vrt,
        Conllu,
    }

    #[derive(Clone, Copy, ValueEnum)]
    enum Postings {
        Auto,
        Always,
        Never,
    }

    /// Why a command failed: bad usage or input (a message for stderr), or
    /// an error of the query API (its JSON, already printed).
    enum Failure {
        Usage(String),
        Api,
    }

    impl From<String> for Failure {
        fn from(message: String) -> Self {
            Failure::Usage(message)
        }
    }

    pub fn main() -> ExitCode {
        let cli = Cli::parse();
        match run(cli.command) {
            Ok(()) => ExitCode::SUCCESS,
            Err(Failure::Usage(message)) => {
                eprintln!("error: {message}");
                ExitCode::FAILURE
            }
            Err(Failure::Api) => ExitCode::FAILURE,
        }
    }

    fn run(command: Command) -> Result<(), Failure> {
        match command {
            Command::Build { corpus, output, postings } => build(&corpus, &output, postings),
            Command::Info { bundle } => answer(&bundle, |c| c.info()),
            Command::Search { bundle, query, options } if query == "-" => search_lines(&bundle, options),
            Command::Search { bundle, query, options } => {
                let options = parse_options("search options", options.as_deref())?;
                answer(&bundle, |c| c.search(&query, &options))
            }
            Command::Concordance { bundle, query, table } => {
                let options = table.options("concordance options")?;
                table.answer(&bundle, |c| c.concordance(&query, &options))
            }
            Command::Frequencies { bundle, query, table } => {
                let options = table.options("frequency options")?;
                table.answer(&bundle, |c| c.frequencies(query.as_deref(), &options))
            }
            Command::Collocates { bundle, query, table } => {
                let options = table.options("collocate options")?;
                table.answer(&bundle, |c| c.collocates(&query, &options))
            }
            Command::Ngrams { bundle, table } => {
                let options = table.options("n-gram options")?;
                table.answer(&bundle, |c| c.ngrams(&options))
            }
            Command::Dispersion { bundle, query, table } => {
                let options = table.options("dispersion options")?;
                table.answer(&bundle, |c| c.dispersion(&query, &options))
            }
            Command::Keywords { bundle, table } => {
                let options = table.options("keyword options")?;
                table.answer(&bundle, |c| c.keywords(&options))
            }
            Command::Export { input, format, output } => export(&input, format, output.as_deref()),
            Command::Filter { bundle, filters, options } => {
                let filters: Filters = parse_options("filters", filters.as_deref())?;
                let options = parse_options("filter options", options.as_deref())?;
                answer(&bundle, |c| c.filter(&filters, &options))
            }
            Command::Doc { bundle, id, options } => {
                let options = parse_options("doc options", options.as_deref())?;
                answer(&bundle, |c| c.doc(id, &options))
            }
            Command::Segment { bundle, text } => answer(&bundle, |c| c.segment(&text)),
            Command::Suggest { bundle, prefix, options } => {
                let options = parse_options("suggest options", options.as_deref())?;
                answer(&bundle, |c| c.suggest(&prefix, &options))
            }
        }
    }

    fn build(
        corpus_path: &std::path::Path,
        out: &std::path::Path,
        postings: Postings,
    ) -> Result<(), Failure> {
        let started = Instant::now();
        let corpus = yuliao::corpus::read(corpus_path).map_err(|e| e.to_string())?;
        for w in &corpus.warnings {
            eprintln!("warning: {w}");
        }
        let read_seconds = started.elapsed().as_secs_f64();
        let postings = match postings {
            Postings::Auto => yuliao::index::PostingsChoice::Auto,
            Postings::Always => yuliao::index::PostingsChoice::Always,
            Postings::Never => yuliao::index::PostingsChoice::Never,
        };
        let options = yuliao::index::Options { postings, ..Default::default() };
        let (bytes, report) =
            yuliao::index::build_with(&corpus.documents, options).map_err(|e| e.to_string())?;
        std::fs::write(out, &bytes).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
        let report = BuildReport {
            corpus: corpus_path.display().to_string(),
            bundle: out.display().to_string(),
            documents: report.documents,
            characters: report.characters,
            text_bytes: report.text_bytes,
            tokens: report.tokens,
            words: report.words,
            jieba_agreement: (report.agreement * 1e5).round() / 1e5,
            bundle_bytes: report.bundle_bytes,
            postings_bytes: report.postings_bytes,
            read_seconds: (read_seconds * 1e3).round() / 1e3,
            seconds: (started.elapsed().as_secs_f64() * 1e3).round() / 1e3,
            peak_memory_bytes: peak_memory(),
        };
        println!("{}", serde_json::to_string(&report).map_err(|e| e.to_string())?);
        Ok(())
    }

    /// What `build` prints.
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct BuildReport {
        corpus: String,
        bundle: String,
        documents: usize,
        characters: u64,
        text_bytes: usize,
        tokens: u64,
        words: usize,
        jieba_agreement: f64,
        bundle_bytes: usize,
        postings_bytes: usize,
        read_seconds: f64,
        seconds: f64,
        peak_memory_bytes: Option<u64>,
    }

    impl Table {
        /// The options, with `format` from `--format`.
        fn options<T: serde::de::DeserializeOwned + Default>(&self, what: &str) -> Result<T, Failure> {
            let mut value: serde_json::Value = match &self.options {
                None => serde_json::json!({}),
                Some(text) => serde_json::from_str(text)
                    .map_err(|e| format!("{what} are not valid JSON ({e}): {text}"))?,
            };
            if let (Some(format), Some(map)) = (self.format, value.as_object_mut()) {
                let name = match format {
                    TableFormat::Json => "json",
                    TableFormat::Csv => "csv",
                };
                map.insert("format".into(), serde_json::Value::String(name.into()));
            }
            options::from_json(what, &value).map_err(|e| api_error(&e))
        }

        /// Print the answer: its CSV text (and its about file) for CSV,
        /// else its JSON.
        fn answer<T: Serialize>(
            &self,
            path: &std::path::Path,
            call: impl FnOnce(&Corpus<'static>) -> Result<T, yuliao::Error>,
        ) -> Result<(), Failure> {
            let corpus = open(path)?;
            let value = call(&corpus).map_err(|e| api_error(&e))?;
            let json = serde_json::to_value(&value).map_err(|e| e.to_string())?;
            match json.get("csv").and_then(|c| c.as_str()) {
                Some(csv) if json.get("about").is_some() => {
                    if let Some(about) = &self.about {
                        let text = serde_json::to_string_pretty(&json["about"]).map_err(|e| e.to_string())?;
                        std::fs::write(about, text + "\n")
                            .map_err(|e| format!("cannot write {}: {e}", about.display()))?;
                    }
                    print!("{csv}");
                }
                _ => println!("{json}"),
            }
            Ok(())
        }
    }

    /// `export`: a corpus (built in memory) or a bundle file, as VRT or CoNLL-U.
    fn export(
        input: &std::path::Path,
        format: ExportFormat,
        output: Option<&std::path::Path>,
    ) -> Result<(), Failure> {
        let is_bundle = std::fs::File::open(input)
            .ok()
            .and_then(|mut f| {
                use std::io::Read;
                let mut magic = [0u8; 8];
                f.read_exact(&mut magic).ok().map(|_| magic == yuliao::bundle::MAGIC)
            })
            .unwrap_or(false);
        let bytes: &'static [u8] = if is_bundle {
            Box::leak(
                std::fs::read(input)
                    .map_err(|e| format!("cannot read {}: {e}", input.display()))?
                    .into_boxed_slice(),
            )
        } else {
            let corpus = yuliao::corpus::read(input).map_err(|e| e.to_string())?;
            for w in &corpus.warnings {
                eprintln!("warning: {w}");
            }
            let (bytes, _) = yuliao::index::build(&corpus.documents).map_err(|e| e.to_string())?;
            Box::leak(bytes.into_boxed_slice())
        };
        let cache: &'static TokenCache = Box::leak(Box::new(TokenCache::new()));
        let corpus =
            Corpus::open(bytes, true).map_err(|e| format!("{}: {e}", input.display()))?.with_tokens(cache);
        let tokens = corpus.tokens().map_err(|e| e.message().to_string())?;
        let format = match format {
            ExportFormat::Vrt => yuliao::export::Format::Vrt,
            ExportFormat::Conllu => yuliao::export::Format::Conllu,
        };
        match output {
            Some(path) => {
                let file = std::fs::File::create(path)
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                let mut out = std::io::BufWriter::new(file);
                yuliao::export::write(&corpus, tokens, format, &mut out)?;
                out.flush().map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            }
            None => {
                let stdout = std::io::stdout();
                let mut out = std::io::BufWriter::new(stdout.lock());
                yuliao::export::write(&corpus, tokens, format, &mut out)?;
                out.flush().map_err(|e| format!("cannot write stdout: {e}"))?;
            }
        }
        Ok(())
    }

    /// Read, check and open the bundle file `path`. (Its bytes live as
    /// long as the process: one command answers from one bundle.)
    fn open(path: &std::path::Path) -> Result<Corpus<'static>, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        let cache: &'static TokenCache = Box::leak(Box::new(TokenCache::new()));
        Ok(Corpus::open(bytes, true).map_err(|e| format!("{}: {e}", path.display()))?.with_tokens(cache))
    }

    /// Options given as JSON text (absent: the defaults).
    fn parse_options<T: serde::de::DeserializeOwned + Default>(
        what: &str,
        text: Option<&str>,
    ) -> Result<T, Failure> {
        let Some(text) = text else { return Ok(T::default()) };
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("{what} are not valid JSON ({e}): {text}"))?;
        options::from_json(what, &value).map_err(|e| api_error(&e))
    }

    /// Print an API error as JSON (on stdout, as a result would be).
    fn api_error(e: &yuliao::Error) -> Failure {
        println!("{}", error_json(e));
        Failure::Api
    }

    fn error_json(e: &yuliao::Error) -> String {
        serde_json::json!({ "error": e.message(), "kind": e.kind().as_str() }).to_string()
    }

    /// One API call on a bundle file, printed as JSON.
    fn answer<T: Serialize>(
        path: &std::path::Path,
        call: impl FnOnce(&Corpus<'static>) -> Result<T, yuliao::Error>,
    ) -> Result<(), Failure> {
        let corpus = open(path)?;
        let value = call(&corpus).map_err(|e| api_error(&e))?;
        println!("{}", serde_json::to_string(&value).map_err(|e| e.to_string())?);
        Ok(())
    }

    /// `search <file> -`: a search per line of stdin (empty lines skipped),
    /// a JSON result (or error) per line of stdout, the bundle opened once.
    fn search_lines(path: &std::path::Path, options: Option<String>) -> Result<(), Failure> {
        let options = parse_options("search options", options.as_deref())?;
        let corpus = open(path)?;
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        let mut failed = false;
        for line in std::io::stdin().lock().lines() {
            let line = line.map_err(|e| format!("cannot read stdin: {e}"))?;
            if line.trim().is_empty() {
                continue;
            }
            let json = match corpus.search(&line, &options) {
                Ok(r) => serde_json::to_string(&r).map_err(|e| e.to_string())?,
                Err(e) => {
                    failed = true;
                    error_json(&e)
                }
            };
            writeln!(out, "{json}").map_err(|e| format!("cannot write stdout: {e}"))?;
        }
        out.flush().map_err(|e| format!("cannot write stdout: {e}"))?;
        if failed {
            return Err(Failure::Usage("some queries failed (see their JSON lines)".into()));
        }
        Ok(())
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
