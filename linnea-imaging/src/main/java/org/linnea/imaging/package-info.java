/**
 * Rendering DICOM images for people: {@link org.linnea.imaging.Renderer} turns one frame into an
 * 8-bit image through the pixel pipelines of PS3.3 C.11 and PS3.4 Annex N, {@link
 * org.linnea.imaging.ImageEncoders} writes it as PNG or JPEG, {@link
 * org.linnea.imaging.Thumbnails} makes previews. These serve the rendered and thumbnail
 * resources of WADO-RS (PS3.18 8.3.5 and 8.3.6) and the viewer.
 *
 * <p>Errors are {@link org.linnea.imaging.ImagingException}s: {@link
 * org.linnea.imaging.CorruptPixelDataException} when the data contradicts its description,
 * {@link org.linnea.imaging.UnsupportedTransferSyntaxException} when no decoder exists.
 */
package org.linnea.imaging;
