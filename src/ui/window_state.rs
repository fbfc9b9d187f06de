//! The window's size and place on the screen and egui's memory (the width of a resized panel, a
//! folded section), kept in the config folder's `window.ron` between starts. Written like every
//! other file LeadQ keeps — by the worker, atomically (temp file, fsync, rename) — instead of by
//! eframe's own storage, which writes its file in place, so a crash while saving could leave
//! half of one. A file that is missing or does not parse only means a window of the default
//! size.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// What is kept of the window between starts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WindowState {
    /// The size of the window's content in points, when it was not maximized.
    pub inner_size: Option<[f32; 2]>,
    /// Where its frame's top-left corner was, when it was not maximized.
    pub outer_position: Option<[f32; 2]>,
    #[serde(default)]
    pub maximized: bool,
    /// egui's memory as RON (egui's own format, whatever its version keeps).
    #[serde(default)]
    pub memory: Option<String>,
}

impl WindowState {
    /// The state in `file`; the default when there is none or it cannot be read.
    pub fn load(file: Option<&Path>) -> WindowState {
        file.and_then(|f| std::fs::read_to_string(f).ok())
            .and_then(|text| ron::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// The window as it was: its size and place, maximized or not.
    pub fn apply(&self, mut viewport: egui::ViewportBuilder) -> egui::ViewportBuilder {
        if let Some(size) = self.inner_size {
            viewport = viewport.with_inner_size(size);
        }
        if let Some(position) = self.outer_position {
            viewport = viewport.with_position(position);
        }
        viewport.with_maximized(self.maximized)
    }

    /// egui's memory as it was.
    pub fn restore_memory(&self, ctx: &egui::Context) {
        if let Some(memory) = self
            .memory
            .as_deref()
            .and_then(|m| ron::from_str::<egui::Memory>(m).ok())
        {
            ctx.memory_mut(|m| *m = memory);
        }
    }

    /// The state of the window now. While it is maximized, the size and place it had before
    /// are kept (`self`'s), so that it comes back to them when it is no longer maximized.
    pub fn capture(&self, ctx: &egui::Context) -> WindowState {
        let viewport = ctx.input(|i| i.viewport().clone());
        let maximized = viewport.maximized.unwrap_or(false);
        let (inner_size, outer_position) = if maximized {
            (self.inner_size, self.outer_position)
        } else {
            (
                viewport
                    .inner_rect
                    .map(|r| [r.width(), r.height()])
                    .or(self.inner_size),
                viewport
                    .outer_rect
                    .map(|r| [r.min.x, r.min.y])
                    .or(self.outer_position),
            )
        };
        WindowState {
            inner_size,
            outer_position,
            maximized,
            memory: ctx.memory(|m| ron::to_string(m).ok()),
        }
    }

    /// The file's text.
    pub fn to_ron(&self) -> Option<String> {
        ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::new()).ok()
    }
}

/// Where the window's state is kept: personal, so in the config folder. (Left to eframe, it
/// would create the platform data folder even when the leads live in a folder given with
/// `--data-dir`.)
pub fn window_state_file(config_dir: Option<&Path>) -> Option<PathBuf> {
    config_dir.map(|d| d.join("window.ron"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_reads_back_and_a_broken_file_only_gives_the_default() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("window.ron");
        let state = WindowState {
            inner_size: Some([1093.0, 614.0]),
            outer_position: Some([10.0, 20.0]),
            maximized: false,
            memory: Some("()".into()),
        };
        std::fs::write(&file, state.to_ron().unwrap()).unwrap();
        assert_eq!(WindowState::load(Some(&file)), state);
        std::fs::write(&file, "(inner_size: Some((1093.0, 6").unwrap();
        assert_eq!(WindowState::load(Some(&file)), WindowState::default());
        // eframe's own file of earlier versions ({"window": …, "egui": …}): the default.
        std::fs::write(&file, "{\"window\": \"()\", \"egui\": \"()\"}").unwrap();
        assert_eq!(WindowState::load(Some(&file)), WindowState::default());
        assert_eq!(WindowState::load(None), WindowState::default());
    }

    #[test]
    fn egui_memory_travels_through_the_file() {
        let ctx = egui::Context::default();
        ctx.memory_mut(|m| {
            m.data
                .insert_persisted(egui::Id::unique("panel"), 321.5_f32)
        });
        let state = WindowState::default().capture(&ctx);
        let text = state.to_ron().unwrap();
        let back: WindowState = ron::from_str(&text).unwrap();
        let fresh = egui::Context::default();
        back.restore_memory(&fresh);
        let width = fresh.memory_mut(|m| m.data.get_persisted::<f32>(egui::Id::unique("panel")));
        assert_eq!(width, Some(321.5));
    }
}
