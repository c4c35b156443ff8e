//! Reads the fact file: YAML into the raw contract types, then validation into the model.

pub mod raw;
mod validate;
mod yaml;

pub(crate) use yaml::{options as yaml_options, to_fact_file_error as describe_yaml_error};

use super::error::{FactFileError, FactFileErrorKind};
use crate::facts::FactFile;
use std::path::Path;

/// Fact files larger than this are refused before reading: no real one comes close.
pub const MAX_FACT_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads and validates a fact file. On failure, every problem found: one syntax or schema
/// error (parsing stops there), or all semantic errors, sorted by place.
pub fn read_fact_file(path: &Path, display: &str) -> Result<FactFile, Vec<FactFileError>> {
    let source = read_source(path, display).map_err(|e| vec![e])?;
    parse_fact_file(source, display)
}

/// Parses and validates fact-file text (what [`read_fact_file`] does after reading).
pub fn parse_fact_file(source: String, display: &str) -> Result<FactFile, Vec<FactFileError>> {
    let raw = yaml::parse(&source, display).map_err(|e| vec![e])?;
    validate::validate(raw, source, display)
}

/// Like [`parse_fact_file`], but builds the model despite semantic errors and returns them
/// alongside (what `lint` needs to report every problem at once). Syntax, schema and limit
/// errors still stop parsing.
pub fn parse_fact_file_lenient(
    source: String,
    display: &str,
) -> Result<(FactFile, Vec<FactFileError>), FactFileError> {
    let raw = yaml::parse(&source, display)?;
    Ok(validate::validate_lenient(raw, source, display))
}

/// For `lint`'s recovery: parses `masked`, which is `source` with some entries blanked out
/// byte for byte (so every offset still points into `source`), and validates the result
/// against `source`. A parse error comes with its byte offset when the parser knows it.
pub fn parse_fact_file_masked(
    source: String,
    masked: &str,
    display: &str,
) -> Result<(FactFile, Vec<FactFileError>), (FactFileError, Option<usize>)> {
    let raw = yaml::parse_at(masked, display)?;
    Ok(validate::validate_lenient(raw, source, display))
}

/// Reads a fact file's text with the loader's limits (size, UTF-8, BOM).
pub fn read_fact_file_source(path: &Path, display: &str) -> Result<String, FactFileError> {
    read_source(path, display)
}

fn read_source(path: &Path, display: &str) -> Result<String, FactFileError> {
    use super::file::{ReadError, read_regular};
    let bytes = read_regular(path, MAX_FACT_FILE_BYTES).map_err(|e| {
        io_error(
            display,
            match e {
                e if e.is_missing() => "no such file".into(),
                ReadError::Directory => "is a directory; expected a YAML fact file".into(),
                e => e.to_string(),
            },
        )
    })?;
    decode_source(bytes, display)
}

/// Decodes and validates a fact file's bytes: what [`read_fact_file`] does once it has read
/// them (size limit, byte-order mark, UTF-8, then [`parse_fact_file`]). The fuzz target's
/// entry point.
pub fn fact_file_from_bytes(bytes: &[u8], display: &str) -> Result<FactFile, Vec<FactFileError>> {
    let source = decode_source(bytes.to_vec(), display).map_err(|e| vec![e])?;
    parse_fact_file(source, display)
}

/// A fact file's text from its bytes: at most [`MAX_FACT_FILE_BYTES`], UTF-8 after an optional
/// byte-order mark.
fn decode_source(mut bytes: Vec<u8>, display: &str) -> Result<String, FactFileError> {
    if bytes.len() as u64 > MAX_FACT_FILE_BYTES {
        return Err(io_error(
            display,
            format!(
                "file is {} bytes, over the limit of {MAX_FACT_FILE_BYTES} bytes; not read",
                bytes.len()
            ),
        ));
    }
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
        3
    } else {
        0
    };
    String::from_utf8(bytes).map_err(|e| {
        io_error(
            display,
            format!(
                "not valid UTF-8 (first bad byte at offset {})",
                e.utf8_error().valid_up_to() + bom
            ),
        )
    })
}

fn io_error(display: &str, message: String) -> FactFileError {
    FactFileError {
        path: display.to_string(),
        line: 1,
        column: 1,
        message,
        kind: FactFileErrorKind::Io,
        found: None,
    }
}

/// The JSON Schema (draft-07, what yaml-language-server reads) of the fact file, as committed
/// in `schemas/facts-v1.schema.json`.
pub fn json_schema() -> String {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let schema = generator.into_root_schema_for::<raw::RawFactFile>();
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema always serialises");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests;
