/**
 * Pure rules on a face analysis: is a standard photo usable as the face reference, and how a
 * frame is classified. The numbers come from the province's settings.
 */
import type { TProctorSettings } from '../../../shared/schemas/proctor.js';

export interface FaceInfo {
  box: number[];
  size: number;
  score: number | null;
  real: number | null;
  live: number | null;
  similarity: number | null;
  embedding?: number[];
}

export interface Analysis {
  unreadable: boolean;
  error?: string;
  width?: number;
  height?: number;
  brightness?: number;
  faces?: FaceInfo[];
  ms?: number;
  model?: string;
  modelVersion?: string;
}

type Rules = Pick<TProctorSettings, 'minFacePx' | 'minBrightness' | 'spoofThreshold'>;

/** null when the photo can be the reference; otherwise what the physician should fix (Chinese). */
export function referencePhotoProblem(a: Analysis, r: Rules): string | null {
  if (a.unreadable) return '照片无法读取，请重新拍摄或选择一张 jpg 证件照';
  const faces = a.faces ?? [];
  if ((a.brightness ?? 0) < r.minBrightness && faces.length === 0)
    return '照片太暗，未能识别出人脸：请在光线充足处正对镜头重新拍摄';
  if (faces.length === 0) return '照片中未检测到人脸：请上传本人正面免冠照片，脸部不要遮挡';
  if (faces.length > 1) return `照片中检测到 ${faces.length} 张人脸：证件照中只能有本人一人`;
  if (faces[0].size < r.minFacePx)
    return `照片中的人脸太小（约 ${faces[0].size} 像素）：请靠近镜头，使脸部占照片大部分（至少 ${r.minFacePx} 像素）`;
  if ((a.brightness ?? 0) < r.minBrightness) return '照片太暗：请在光线充足处正对镜头重新拍摄';
  return null;
}

/** The anti-spoof verdict: a "real" score under the threshold is 疑似翻拍 (a photo of a photo or a screen). */
export function spoofSuspected(face: Pick<FaceInfo, 'real'> | undefined, r: Pick<Rules, 'spoofThreshold'>): boolean {
  return face?.real != null && face.real < r.spoofThreshold;
}

/** The face that decides a frame's similarity: the best match to the reference. */
export function bestFace(faces: FaceInfo[]): FaceInfo | undefined {
  let best: FaceInfo | undefined;
  for (const f of faces) if (!best || (f.similarity ?? -1) > (best.similarity ?? -1)) best = f;
  return best;
}
