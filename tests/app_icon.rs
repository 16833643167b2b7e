//! The window icon in `assets/icon.png`: drawn by `generate_icon` (run it with
//! `cargo test --test app_icon -- --ignored` after changing the design) and checked to be a real,
//! square, non-blank image.

use image::{Rgba, RgbaImage};

const SIZE: u32 = 256;
const SUPERSAMPLE: u32 = 4;

/// Coverage colour of the icon at a point in 0..1 × 0..1 (y down), or `None` outside the shape.
fn shade(x: f32, y: f32) -> Option<[u8; 4]> {
    // Rounded square background, teal to deep blue from top to bottom.
    let radius = 0.2;
    let (cx, cy) = (x.clamp(radius, 1.0 - radius), y.clamp(radius, 1.0 - radius));
    if ((x - cx).powi(2) + (y - cy).powi(2)).sqrt() > radius {
        return None;
    }
    let t = y;
    let background = [
        (20.0 + 10.0 * t) as u8,
        (120.0 - 60.0 * t) as u8,
        (140.0 - 20.0 * t) as u8,
        255,
    ];
    // A white "H": two posts and a bar.
    let post = |left: f32| (left..left + 0.13).contains(&x) && (0.26..0.78).contains(&y);
    let bar = (0.25..0.75).contains(&x) && (0.47..0.57).contains(&y);
    if post(0.25) || post(0.62) || bar {
        return Some([250, 250, 245, 255]);
    }
    // An amber spark above the right post: the HERO who solves the customer's problem.
    let (sx, sy) = (0.79, 0.2);
    if (x - sx).abs() + (y - sy).abs() < 0.09 {
        return Some([255, 184, 28, 255]);
    }
    Some(background)
}

fn draw_icon() -> RgbaImage {
    let mut image = RgbaImage::new(SIZE, SIZE);
    for (px, py, pixel) in image.enumerate_pixels_mut() {
        let mut sum = [0u32; 4];
        for sy in 0..SUPERSAMPLE {
            for sx in 0..SUPERSAMPLE {
                let x = (px * SUPERSAMPLE + sx) as f32 / (SIZE * SUPERSAMPLE) as f32;
                let y = (py * SUPERSAMPLE + sy) as f32 / (SIZE * SUPERSAMPLE) as f32;
                if let Some(colour) = shade(x, y) {
                    for channel in 0..4 {
                        sum[channel] += u32::from(colour[channel]);
                    }
                }
            }
        }
        let samples = SUPERSAMPLE * SUPERSAMPLE;
        let alpha = sum[3] / samples;
        let colour = |channel: usize| (sum[channel] * 255).checked_div(sum[3]).unwrap_or(0) as u8;
        *pixel = Rgba([colour(0), colour(1), colour(2), alpha as u8]);
    }
    image
}

#[test]
#[ignore = "writes assets/icon.png; run after changing the design"]
fn generate_icon() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/icon.png");
    draw_icon().save(path).expect("write assets/icon.png");
}

#[test]
fn bundled_icon_is_the_drawn_design() {
    let bytes = include_bytes!("../assets/icon.png");
    let icon = image::load_from_memory(bytes)
        .expect("icon.png decodes")
        .to_rgba8();
    assert_eq!(icon.dimensions(), (SIZE, SIZE));
    assert_eq!(
        icon,
        draw_icon(),
        "assets/icon.png is out of date: run generate_icon"
    );
    // Transparent corners, opaque white "H" in the middle.
    assert_eq!(icon.get_pixel(0, 0)[3], 0);
    assert_eq!(
        icon.get_pixel(SIZE / 2, SIZE * 52 / 100).0,
        [250, 250, 245, 255]
    );
}
