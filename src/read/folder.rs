//! Folders as input: `jixiao check 自评表/` reads every file inside that the command can read,
//! in a stable order (by name, byte for byte), and says which files it left out and why. Only
//! the folder's own files: a subfolder is named and left out (give it as well to read it), so
//! that a folder of forms with, say, a `rubrics/` beside them reads as the forms it holds. A
//! path that is not a folder is kept as given, for its reader to judge.

use std::path::Path;

use crate::i18n::Text;

/// The files a command reads, by their extension (lower case, no dot).
#[derive(Debug, Clone, Copy)]
pub struct Kinds(pub &'static [&'static str]);

impl Kinds {
    /// Project files and workbooks of forms (`score`, `check`).
    pub const PROJECTS: Kinds = Kinds(&["yaml", "yml", "xlsx", "xlsm", "xls", "ods"]);
    /// Those and tables in text (`review`, `report`).
    pub const TABLES: Kinds = Kinds(&[
        "yaml", "yml", "xlsx", "xlsm", "xls", "ods", "csv", "tsv", "txt",
    ]);

    fn reads(self, path: &Path) -> bool {
        path.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| self.0.iter().any(|k| k.eq_ignore_ascii_case(e)))
    }
}

/// A file of a folder left out, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub path: String,
    pub why: Text,
}

impl Skipped {
    /// `PATH: 已跳过（WHY）` / `PATH: skipped (WHY)`.
    pub fn render(&self, lang: crate::i18n::Lang) -> String {
        let t = Text::new(
            format!("{}: 已跳过（{}）", self.path, self.why.zh),
            format!("{}: skipped ({})", self.path, self.why.en),
        );
        t.get(lang).to_string()
    }
}

/// The paths given, each folder replaced by the files inside it that `kinds` covers (sorted);
/// the files and subfolders left out, each with its reason.
pub fn expand(paths: &[String], kinds: Kinds) -> (Vec<String>, Vec<Skipped>) {
    let (mut files, mut skipped) = (Vec::new(), Vec::new());
    for p in paths {
        let path = Path::new(p);
        if path.is_dir() {
            let before = files.len();
            list(path, kinds, &mut files, &mut skipped);
            if files.len() == before {
                let known = kinds.0.join("、");
                skipped.push(Skipped {
                    path: p.clone(),
                    why: Text::new(
                        format!("文件夹中没有可读的文件；读取的类型：{known}"),
                        format!(
                            "the folder holds no file to read; the kinds read: {}",
                            kinds.0.join(", ")
                        ),
                    ),
                });
            }
        } else {
            files.push(p.clone());
        }
    }
    (files, skipped)
}

fn list(dir: &Path, kinds: Kinds, files: &mut Vec<String>, skipped: &mut Vec<Skipped>) {
    let shown = dir.to_string_lossy().into_owned();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            skipped.push(Skipped {
                path: shown,
                why: Text::new(
                    format!("无法读取文件夹：{e}"),
                    format!("cannot read the folder: {e}"),
                ),
            });
            return;
        }
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let shown = path.to_string_lossy().into_owned();
        let why = if name.starts_with("~$") {
            // Excel's lock file beside a workbook that is open
            Some(Text::new(
                "Excel 打开工作簿时留下的锁定文件",
                "the lock file Excel leaves beside an open workbook",
            ))
        } else if name.starts_with('.') {
            Some(Text::new("隐藏文件", "a hidden file"))
        } else if path.is_dir() {
            Some(Text::new(
                "子文件夹，其中的文件不读取；要读取请另行列出该文件夹",
                "a subfolder, whose files are not read; give it as well to read them",
            ))
        } else if !kinds.reads(&path) {
            Some(Text::new(
                format!("不是可读的文件类型；读取的类型：{}", kinds.0.join("、")),
                format!(
                    "not a kind of file read here; the kinds read: {}",
                    kinds.0.join(", ")
                ),
            ))
        } else {
            None
        };
        match why {
            Some(why) => skipped.push(Skipped { path: shown, why }),
            None => files.push(shown),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_its_readable_files_in_order() {
        let d = std::env::temp_dir().join(format!("jixiao-folder-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(d.join("b-sub")).unwrap();
        for f in [
            "c.yaml",
            "a.xlsx",
            "~$a.xlsx",
            ".hidden.yaml",
            "notes.docx",
            "b-sub/d.YML",
            "t.csv",
        ] {
            std::fs::write(d.join(f), "x").unwrap();
        }
        let root = d.to_string_lossy().into_owned();
        let (files, skipped) = expand(&[root.clone(), "other.yaml".into()], Kinds::PROJECTS);
        let rel: Vec<String> = files
            .iter()
            .map(|f| f.strip_prefix(&format!("{root}/")).unwrap_or(f).to_string())
            .collect();
        assert_eq!(rel, ["a.xlsx", "c.yaml", "other.yaml"]);
        let why: Vec<(String, &str)> = skipped
            .iter()
            .map(|s| {
                let name = Path::new(&s.path).file_name().unwrap();
                (name.to_string_lossy().into_owned(), &*s.why.en)
            })
            .collect();
        assert_eq!(why.len(), 5, "{why:?}");
        assert!(
            why[0].0 == ".hidden.yaml" && why[0].1 == "a hidden file",
            "{why:?}"
        );
        assert!(
            why.iter()
                .any(|(n, w)| n == "~$a.xlsx" && w.contains("lock file"))
        );
        assert!(
            why.iter()
                .any(|(n, w)| n == "notes.docx" && w.contains("not a kind"))
        );
        assert!(
            why.iter()
                .any(|(n, w)| n == "b-sub" && w.contains("subfolder"))
        );
        // given as well, a subfolder is read (its file extension in any case)
        let sub = d.join("b-sub").to_string_lossy().into_owned();
        let (files, _) = expand(&[sub], Kinds::PROJECTS);
        assert!(files[0].ends_with("d.YML"), "{files:?}");
        // a table is read by the commands that take tables
        assert!(why.iter().any(|(n, _)| n == "t.csv"));
        let (files, _) = expand(std::slice::from_ref(&root), Kinds::TABLES);
        assert!(files.iter().any(|f| f.ends_with("t.csv")));
        // an empty folder says so
        let empty = d.join("empty");
        std::fs::create_dir_all(&empty).unwrap();
        let (files, skipped) = expand(&[empty.to_string_lossy().into_owned()], Kinds::PROJECTS);
        assert!(files.is_empty());
        assert!(skipped[0].why.en.contains("no file to read"), "{skipped:?}");
        let _ = std::fs::remove_dir_all(&d);
    }
}
