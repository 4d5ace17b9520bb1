// A kept track as a file to download: read and checked from storage, then written as JSONL
// (lib/tracks/jsonl.ts) or TRC (lib/tracks/trc.ts). Loaded only when a download button is
// pressed, with the formats, so no page's first load carries them.
import type { PostureDb } from '@/lib/storage/db';
import { framesOfTrack, hasWorldLandmarks, TrackRecordError } from '@/lib/storage/track-record';
import { readTrack } from '@/lib/storage/tracks';
import { formatTrackJsonl, TrackError } from '@/lib/tracks/jsonl';
import { formatTrc } from '@/lib/tracks/trc';

export type TrackFormat = 'jsonl' | 'trc';

export type TrackFileResult = { readonly ok: true; readonly blob: Blob; readonly fileName: string; readonly frames: number } | { readonly ok: false; readonly problem: string };

/** The file of the track kept under `id`, or what stands in the way, in words (nothing half-written). */
export async function trackFile(db: PostureDb, id: string, format: TrackFormat, stem: string): Promise<TrackFileResult> {
  let track;
  try {
    track = await readTrack(db, id);
  } catch (err) {
    if (err instanceof TrackRecordError) return { ok: false, problem: `The kept landmarks are damaged and cannot be downloaded (${err.message}). You can delete them; the record itself is not affected.` };
    return { ok: false, problem: (err as Error).message };
  }
  if (!track) return { ok: false, problem: 'No landmarks are kept for this entry any more (they were deleted).' };
  const fileName = `${stem}.${format}`;
  // Times from the set's or check's first frame (the camera's clock counts from an arbitrary
  // origin; the date is in the file name), to the microsecond.
  const all = framesOfTrack(track);
  const t0 = all[0]?.timestampMs ?? 0;
  const frames = all.map((f) => ({ ...f, timestampMs: Math.round((f.timestampMs - t0) * 1000) / 1000 }));
  if (format === 'jsonl') return { ok: true, blob: new Blob([formatTrackJsonl(frames)], { type: 'application/x-ndjson' }), fileName, frames: frames.length };
  if (!hasWorldLandmarks(track)) {
    return { ok: false, problem: 'No TRC file: a TRC file holds 3D positions in metres, and no frame of this track has them (the engine gave none). The JSONL file has the landmarks in the picture.' };
  }
  try {
    return { ok: true, blob: new Blob([formatTrc(frames, { fileName })], { type: 'text/plain' }), fileName, frames: frames.length };
  } catch (err) {
    if (err instanceof TrackError) return { ok: false, problem: `No TRC file: ${err.message}. The JSONL file has every frame.` };
    throw err;
  }
}
