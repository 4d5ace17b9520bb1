// What keeping and downloading landmarks needs, in one chunk loaded only when it is used (the
// setting is on, or a download button is pressed): no page's first load carries it.
export { TrackBuffer, framesOfTrack, hasWorldLandmarks, TrackRecordError, type TrackKind, type TrackRecord } from '@/lib/storage/track-record';
export { deleteTrack, readTrack, saveTrack } from '@/lib/storage/tracks';
