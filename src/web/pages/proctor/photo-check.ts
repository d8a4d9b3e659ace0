/**
 * The standard-photo check on the phone, before the upload: the same rules the server applies
 * (one face, large and light enough), run by the server's face model on a downscaled copy
 * (nothing is stored). Quick local checks first (can the image be read, is it black).
 * Returns null when the photo is fine, else a Chinese message saying what to fix. A network
 * failure returns null: the upload itself is checked again on the server.
 */
import { currentCsrfToken } from '../../api/client';

/** the upload's own limit: the check must not shrink a face the upload would accept */
const MAX_SIDE = 2000;

export async function checkPhotoOnDevice(file: File): Promise<string | null> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return '无法读取该照片，请选择 jpg 格式的证件照或重新拍摄';
  }
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const g = canvas.getContext('2d');
  if (!g) return null;
  g.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const px = g.getImageData(0, 0, canvas.width, canvas.height).data;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < px.length; i += 16) {
    sum += 0.299 * px[i] + 0.587 * px[i + 1] + 0.114 * px[i + 2];
    n++;
  }
  if (n && sum / n < 12) return '照片太暗，未能识别出人脸：请在光线充足处正对镜头重新拍摄';
  const blob =
    file.type === 'image/jpeg' && file.size <= 2 * 1024 * 1024 && scale === 1
      ? file
      : await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/jpeg', 0.92));
  if (!blob) return null;
  try {
    const res = await fetch('/api/proctoring/photo-check', {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg', 'x-csrf-token': currentCsrfToken() },
      body: blob,
      credentials: 'same-origin',
    });
    const body = (await res.json().catch(() => ({}))) as { message?: string | null };
    if (res.ok) return body.message ?? null;
    if (res.status === 400 && body.message) return body.message;
    return null;
  } catch {
    return null;
  }
}
