/**
 * The 监考 module's on-device photo check (`checkPhotoOnDevice` in pages/proctor/photo-check.ts:
 * null = fine, else a Chinese message), used before the photo is uploaded. Loaded through
 * import.meta.glob so the wizard builds whether or not that module is present.
 */
type Check = (file: File) => Promise<string | null>;
const modules = import.meta.glob<{ checkPhotoOnDevice?: Check }>('../../proctor/photo-check.ts');

export async function checkPhoto(file: File): Promise<string | null> {
  const load = Object.values(modules)[0];
  if (!load) return null;
  const check = (await load()).checkPhotoOnDevice;
  return check ? check(file) : null;
}
