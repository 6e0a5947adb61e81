//! Pictures people upload (a municipality's logo, photos of a fault): only PNG and JPEG,
//! read structurally and written back without the metadata they carry. A phone's photo
//! holds where it was taken (EXIF GPS), the camera and often the owner's name; none of it
//! is needed to see the picture, so none of it is kept.

/// The kinds of picture Lots accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
}

impl ImageKind {
    pub fn content_type(self) -> &'static str {
        match self {
            ImageKind::Png => "image/png",
            ImageKind::Jpeg => "image/jpeg",
        }
    }

    pub fn from_content_type(s: &str) -> Option<ImageKind> {
        match s {
            "image/png" => Some(ImageKind::Png),
            "image/jpeg" => Some(ImageKind::Jpeg),
            _ => None,
        }
    }
}

/// Why a file is not taken as a picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ImageError {
    #[error("the file is neither a PNG nor a JPEG picture")]
    NotAPicture,
    #[error("the picture is damaged or cut short")]
    Damaged,
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// PNG chunks that change how the picture looks; every other ancillary chunk (text,
/// `eXIf`, time) is metadata and dropped.
const PNG_KEPT: [&[u8; 4]; 8] = [
    b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT", b"bKGD", b"pHYs",
];

/// The picture's kind and its bytes without metadata, or why it is not a picture.
pub fn clean(bytes: &[u8]) -> Result<(ImageKind, Vec<u8>), ImageError> {
    if bytes.starts_with(PNG_SIGNATURE) {
        clean_png(bytes).map(|b| (ImageKind::Png, b))
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        clean_jpeg(bytes).map(|b| (ImageKind::Jpeg, b))
    } else {
        Err(ImageError::NotAPicture)
    }
}

fn clean_png(bytes: &[u8]) -> Result<Vec<u8>, ImageError> {
    let mut out = PNG_SIGNATURE.to_vec();
    let mut at = PNG_SIGNATURE.len();
    let mut first = true;
    loop {
        let header = bytes.get(at..at + 8).ok_or(ImageError::Damaged)?;
        let length = u32::from_be_bytes([header[0], header[1], header[2], header[3]]) as usize;
        let kind: &[u8; 4] = header[4..8].try_into().map_err(|_| ImageError::Damaged)?;
        let end = at
            .checked_add(12)
            .and_then(|n| n.checked_add(length))
            .ok_or(ImageError::Damaged)?;
        let chunk = bytes.get(at..end).ok_or(ImageError::Damaged)?;
        if first && kind != b"IHDR" {
            return Err(ImageError::Damaged);
        }
        first = false;
        // A chunk is critical when the first letter of its type is upper case.
        if kind[0].is_ascii_uppercase() || PNG_KEPT.contains(&kind) {
            out.extend_from_slice(chunk);
        }
        at = end;
        if kind == b"IEND" {
            return Ok(out);
        }
    }
}

fn clean_jpeg(bytes: &[u8]) -> Result<Vec<u8>, ImageError> {
    let mut out = vec![0xFF, 0xD8];
    let mut at = 2;
    loop {
        // Fill bytes (0xFF) may stand before a marker.
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let marker = match bytes.get(at..at + 2) {
            Some([0xFF, m]) => *m,
            _ => return Err(ImageError::Damaged),
        };
        if marker == 0xD9 {
            out.extend_from_slice(&[0xFF, 0xD9]);
            return Ok(out);
        }
        let len_bytes = bytes.get(at + 2..at + 4).ok_or(ImageError::Damaged)?;
        let length = usize::from(u16::from_be_bytes([len_bytes[0], len_bytes[1]]));
        if length < 2 {
            return Err(ImageError::Damaged);
        }
        let end = at + 2 + length;
        let segment = bytes.get(at..end).ok_or(ImageError::Damaged)?;
        // APP1 (EXIF, XMP), APP3–APP15 and comments are metadata; APP0 (JFIF) and APP2
        // (the colour profile) are kept.
        let metadata = marker == 0xE1 || (0xE3..=0xEF).contains(&marker) || marker == 0xFE;
        if !metadata {
            out.extend_from_slice(segment);
        }
        at = end;
        if marker == 0xDA {
            // After the start of scan comes the coded picture, to the end of the file.
            let rest = bytes.get(at..).ok_or(ImageError::Damaged)?;
            if !rest.ends_with(&[0xFF, 0xD9]) {
                return Err(ImageError::Damaged);
            }
            out.extend_from_slice(rest);
            return Ok(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        c.extend_from_slice(&[0, 0, 0, 0]);
        c
    }

    fn jpeg_segment(marker: u8, data: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&((data.len() + 2) as u16).to_be_bytes());
        s.extend_from_slice(data);
        s
    }

    #[test]
    fn a_png_keeps_its_picture_and_loses_its_text() {
        let mut png = PNG_SIGNATURE.to_vec();
        png.extend(png_chunk(b"IHDR", &[0; 13]));
        png.extend(png_chunk(b"tEXt", b"Author\0Anna Andersson"));
        png.extend(png_chunk(b"eXIf", b"GPS 59.5 17.8"));
        png.extend(png_chunk(b"gAMA", &[0, 0, 0xB1, 0x8F]));
        png.extend(png_chunk(b"IDAT", &[1, 2, 3]));
        png.extend(png_chunk(b"IEND", &[]));
        let (kind, clean) = clean(&png).unwrap();
        assert_eq!(kind, ImageKind::Png);
        let text = String::from_utf8_lossy(&clean);
        assert!(!text.contains("Anna") && !text.contains("GPS"), "{text}");
        assert!(text.contains("IHDR") && text.contains("gAMA") && text.contains("IDAT"));
        assert!(clean.ends_with(&png_chunk(b"IEND", &[])));
    }

    #[test]
    fn a_jpeg_loses_exif_and_comments_and_keeps_its_scan() {
        let mut jpeg = vec![0xFF, 0xD8];
        jpeg.extend(jpeg_segment(0xE0, b"JFIF\0\x01\x01"));
        jpeg.extend(jpeg_segment(0xE1, b"Exif\0\0GPSLatitude 59.5"));
        jpeg.extend(jpeg_segment(0xFE, b"taken by Anna"));
        jpeg.extend(jpeg_segment(0xDB, &[0; 65]));
        jpeg.extend(jpeg_segment(0xDA, &[1, 1, 0, 0, 63, 0]));
        jpeg.extend_from_slice(&[0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD9]);
        let (kind, clean) = clean(&jpeg).unwrap();
        assert_eq!(kind, ImageKind::Jpeg);
        let text = String::from_utf8_lossy(&clean);
        assert!(!text.contains("GPS") && !text.contains("Anna"), "{text}");
        assert!(text.contains("JFIF"));
        assert!(clean.ends_with(&[0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD9]));
    }

    #[test]
    fn other_files_and_cut_pictures_are_refused() {
        assert_eq!(
            clean(b"<svg onload=alert(1)>"),
            Err(ImageError::NotAPicture)
        );
        assert_eq!(clean(b"GIF89a"), Err(ImageError::NotAPicture));
        let mut png = PNG_SIGNATURE.to_vec();
        png.extend(png_chunk(b"IHDR", &[0; 13]));
        assert_eq!(clean(&png), Err(ImageError::Damaged));
        png.truncate(20);
        assert_eq!(clean(&png), Err(ImageError::Damaged));
        let mut late_header = PNG_SIGNATURE.to_vec();
        late_header.extend(png_chunk(b"IDAT", &[1]));
        assert_eq!(clean(&late_header), Err(ImageError::Damaged));
        assert_eq!(
            clean(&[0xFF, 0xD8, 0xFF, 0xE0, 0xFF]),
            Err(ImageError::Damaged)
        );
        let mut no_end = vec![0xFF, 0xD8];
        no_end.extend(jpeg_segment(0xDA, &[1]));
        no_end.extend_from_slice(&[1, 2, 3]);
        assert_eq!(clean(&no_end), Err(ImageError::Damaged));
    }
}
