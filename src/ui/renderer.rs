//! Which graphics interface draws the window, tried in order until one works.
//!
//! wgpu picks one interface and, when that one fails later (DirectX 12 on a virtual machine,
//! over Remote Desktop, with an old Intel driver, under Wine: "Parent device is lost"), eframe
//! gives up and the window never appears. LeadQ instead tries the next interface until a window
//! has drawn its first frame (`ui::run`). `WGPU_BACKEND` (wgpu's own variable: `dx12`,
//! `vulkan`, `metal`, `gl`) still decides alone: whoever sets it wants exactly that.

use std::sync::Mutex;

use eframe::egui_wgpu::{WgpuConfiguration, WgpuSetup, WgpuSetupCreateNew};
use eframe::wgpu;

/// One graphics interface to try.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attempt {
    pub backends: wgpu::Backends,
    /// How the rep (or support) knows it: "DirectX 12", "Vulkan", "Metal", "OpenGL".
    pub name: &'static str,
}

const DX12: Attempt = Attempt {
    backends: wgpu::Backends::DX12,
    name: "DirectX 12",
};
const VULKAN: Attempt = Attempt {
    backends: wgpu::Backends::VULKAN,
    name: "Vulkan",
};
const METAL: Attempt = Attempt {
    backends: wgpu::Backends::METAL,
    name: "Metal",
};
const GL: Attempt = Attempt {
    backends: wgpu::Backends::GL,
    name: "OpenGL",
};

/// The interfaces this system has, best first. Windows: DirectX 12, then Vulkan (where the
/// graphics driver brings it), then OpenGL (WGL, which every Windows driver and Windows's own
/// software renderer answer). macOS: Metal, the only one Apple keeps up (wgpu's OpenGL needs
/// ANGLE there). Linux: Vulkan, then OpenGL (Mesa; also llvmpipe without a graphics card).
fn for_this_system() -> Vec<Attempt> {
    #[cfg(target_os = "windows")]
    {
        vec![DX12, VULKAN, GL]
    }
    #[cfg(target_os = "macos")]
    {
        vec![METAL]
    }
    #[cfg(not(any(target_os = "windows", target_os = "macos")))]
    {
        vec![VULKAN, GL]
    }
}

/// What to try, in order: `WGPU_BACKEND` alone when it is set, else [`for_this_system`].
pub fn attempts() -> Vec<Attempt> {
    let chosen = std::env::var("WGPU_BACKEND")
        .ok()
        .filter(|v| !v.trim().is_empty());
    match chosen {
        Some(list) => vec![Attempt {
            backends: wgpu::Backends::from_comma_list(&list),
            name: by_name(&list),
        }],
        None => for_this_system(),
    }
}

/// The name for a `WGPU_BACKEND` value (its first entry), or "WGPU_BACKEND" for an unusual one.
fn by_name(list: &str) -> &'static str {
    let first = list.split(',').next().unwrap_or_default().trim();
    [DX12, VULKAN, METAL, GL]
        .into_iter()
        .find(|a| a.backends == wgpu::Backends::from_comma_list(first))
        .map_or("WGPU_BACKEND", |a| a.name)
}

/// For tests only: `LEADQ_TEST_FAIL_RENDERERS=vulkan` (or `dx12,vulkan`, or `all`) makes those
/// attempts offer wgpu no interface at all, so that they fail for real (no adapter) and the
/// fallback and the message box can be tested on any machine. Nothing else reads it.
fn fails_in_test(attempt: Attempt) -> bool {
    let Ok(list) = std::env::var("LEADQ_TEST_FAIL_RENDERERS") else {
        return false;
    };
    list.split(',').map(str::trim).any(|name| {
        name.eq_ignore_ascii_case("all")
            || (!name.is_empty() && wgpu::Backends::from_comma_list(name) == attempt.backends)
    })
}

/// eframe's wgpu settings for one attempt: its default setup with only these interfaces.
pub fn configuration(attempt: Attempt) -> WgpuConfiguration {
    let mut setup = WgpuSetupCreateNew::without_display_handle();
    setup.instance_descriptor.backends = if fails_in_test(attempt) {
        wgpu::Backends::empty()
    } else {
        attempt.backends
    };
    WgpuConfiguration {
        wgpu_setup: WgpuSetup::CreateNew(setup),
        ..Default::default()
    }
}

/// The interface and graphics card that draw the window, for Help → About: a fact of this
/// process, set once the window is up.
static RUNNING: Mutex<String> = Mutex::new(String::new());

/// Remembers what draws the window ("Vulkan · AMD Radeon …").
pub fn set_running(info: &wgpu::AdapterInfo) {
    let text = if info.name.is_empty() {
        format!("{:?}", info.backend)
    } else {
        format!("{} · {}", backend_name(info.backend), info.name)
    };
    if let Ok(mut running) = RUNNING.lock() {
        *running = text;
    }
}

/// What draws the window, or `None` before it is known (and in tests without a window).
pub fn running() -> Option<String> {
    RUNNING
        .lock()
        .ok()
        .map(|r| r.clone())
        .filter(|r| !r.is_empty())
}

fn backend_name(backend: wgpu::Backend) -> &'static str {
    match backend {
        wgpu::Backend::Dx12 => DX12.name,
        wgpu::Backend::Vulkan => VULKAN.name,
        wgpu::Backend::Metal => METAL.name,
        wgpu::Backend::Gl => GL.name,
        wgpu::Backend::BrowserWebGpu => "WebGPU",
        wgpu::Backend::Noop => "—",
    }
}

/// A panic's message, for the list of what was tried.
pub fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default()
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_system_tries_something_and_names_it() {
        let tried = for_this_system();
        assert!(!tried.is_empty());
        assert!(
            tried
                .iter()
                .all(|a| !a.backends.is_empty() && !a.name.is_empty())
        );
    }

    #[test]
    fn a_wgpu_backend_value_is_named() {
        assert_eq!(by_name("gl"), "OpenGL");
        assert_eq!(by_name("vulkan,gl"), "Vulkan");
        assert_eq!(by_name("dx12"), "DirectX 12");
        assert_eq!(by_name("nonsense"), "WGPU_BACKEND");
    }

    #[test]
    fn panic_messages_are_read_from_both_payload_kinds() {
        let owned: Box<dyn std::any::Any + Send> = Box::new(String::from("wgpu error: lost\n"));
        assert_eq!(panic_text(owned.as_ref()), "wgpu error: lost");
        let fixed: Box<dyn std::any::Any + Send> = Box::new("boom");
        assert_eq!(panic_text(fixed.as_ref()), "boom");
    }
}
