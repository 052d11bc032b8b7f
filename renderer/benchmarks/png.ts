/** A chart's canvas as PNG bytes, saved through the host (browser download or the desktop save dialog). */
import { host } from '../platform/host';

/** 'data:image/png;base64,....' → bytes. */
export function dataUrlBytes(dataUrl: string): Uint8Array {
  const comma = dataUrl.indexOf(',');
  const binary = atob(dataUrl.slice(comma + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** 'distribution-skillMix.plainFilmRadiographerShare' → 'radbench-distribution-skillMix-plainFilmRadiographerShare.png'. */
export function pngName(id: string): string {
  return `radbench-${id.replace(/[^0-9A-Za-z-]+/g, '-')}.png`;
}

export async function downloadCanvasPng(canvas: HTMLCanvasElement, name: string): Promise<boolean> {
  return host().saveFile(name, dataUrlBytes(canvas.toDataURL('image/png')), 'image/png');
}
