// A TRC reader for the tests (lib/tracks/tracks.test.ts, tests/pose/tracks.test.ts), written
// from the format's published description, not from our writer. Throws on anything off.

function same(a: readonly string[], b: readonly string[], where: string): void {
  if (a.length !== b.length || a.some((v, i) => v !== b[i])) throw new Error(`${where}: ${JSON.stringify(a)}, expected ${JSON.stringify(b)}`);
}

/**
 * A TRC reader written from the format's published description (OpenSim documentation, "Marker
 * (.trc) Files", after Motion Analysis Corporation): a tab-delimited text file; line 1
 * "PathFileType", the path type, "(X/Y/Z)" and the file name; line 2 the header keys DataRate
 * CameraRate NumFrames NumMarkers Units OrigDataRate OrigDataStartFrame OrigNumFrames and line 3
 * their values; line 4 "Frame#", "Time", then each marker's name in the first of its three
 * columns; line 5 the coordinate labels X1 Y1 Z1 X2 ...; a blank line; then one row per frame:
 * frame number, time, and x y z of every marker (2 + 3 x NumMarkers columns). The time of frame f
 * is (f - OrigDataStartFrame) / DataRate. An empty cell is a missing marker.
 */
export function readTrc(text: string) {
  const rows = text.split(/\r?\n/);
  const line1 = rows[0].split('\t');
  same(line1.slice(0, 3), ['PathFileType', '4', '(X/Y/Z)'], 'line 1');
  const keys = rows[1].split('\t');
  same(keys, ['DataRate', 'CameraRate', 'NumFrames', 'NumMarkers', 'Units', 'OrigDataRate', 'OrigDataStartFrame', 'OrigNumFrames'], 'line 2');
  const values = rows[2].split('\t');
  const header = Object.fromEntries(keys.map((k, i) => [k, values[i]]));
  const markers = Number(header.NumMarkers);
  const columns = 2 + 3 * markers;
  const names = rows[3].split('\t');
  same(names.slice(0, 2), ['Frame#', 'Time'], 'line 4');
  const markerNames = Array.from({ length: markers }, (_, m) => names[2 + 3 * m]);
  const labels = rows[4].split('\t');
  same(labels.slice(2), Array.from({ length: markers }, (_, m) => [`X${m + 1}`, `Y${m + 1}`, `Z${m + 1}`]).flat(), 'line 5');
  let i = 5;
  while (rows[i] === '') i++;
  const data = rows.slice(i).filter((r) => r !== '').map((r) => r.split('\t'));
  data.forEach((row, r) => {
    if (row.length !== columns) throw new Error(`data row ${r + 1}: ${row.length} columns, not 2 + 3 x ${markers} = ${columns}`);
  });
  return {
    fileName: line1[3],
    rate: Number(header.DataRate),
    cameraRate: Number(header.CameraRate),
    numFrames: Number(header.NumFrames),
    origNumFrames: Number(header.OrigNumFrames),
    startFrame: Number(header.OrigDataStartFrame),
    units: header.Units,
    markerNames,
    frames: data.map((row) => ({
      frame: Number(row[0]),
      time: Number(row[1]),
      markers: Array.from({ length: markers }, (_, m) => (row[2 + 3 * m] === '' ? null : [0, 1, 2].map((c) => Number(row[2 + 3 * m + c])))),
    })),
  };
}
