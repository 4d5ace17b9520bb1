// The exercise catalogue as data. Doses follow the ladder in DESIGN.md. Joint angles are the
// interior angle at the middle landmark in the picture (180 = straight), so thresholds leave
// room for the 5-15 deg a 2D projection adds or removes when the view is not exactly side-on.
// Views (`camera`, enforced, need.ts): the posture angles (cat-cow's head, the wall hold's
// trunk) side-on only; the joint angles in the body's own plane and the twist's elbow height
// side-on or three-quarter; the band pull-apart's spread, across the body, facing the camera.
// A counted rep starts past exitDeg and reaches enterDeg, so it always spans at least the gap
// between the two; every rep and cycle gap here is 20 deg or more, so minAmplitudeDeg (default
// 10) is left out.
import type { Exercise } from './types';

export const CATALOGUE: readonly Exercise[] = [
  {
    id: 'cat-cow',
    name: 'Cat-cow',
    stage: 1,
    kind: 'timed',
    durationSeconds: 45,
    // The signed shoulder-to-ear elevation: the head lifts in cow (ear above the shoulder line,
    // +20 to +40 deg on all fours) and tucks in cat (chin to chest, -30 to -60 deg). On the
    // rendered figure both engines read it within 6 deg of the truth (median; 11-18 at worst). A joint angle
    // at the shoulder cannot tell the two apart (both bend the ear-shoulder-hip line), and the
    // hip-to-shoulder line barely moves while the spine curves.
    signal: { type: 'head-forward' },
    // A cycle: up into cow (past +15) and back down past +5 (on the way to cat). Neutral tabletop
    // sits around -10 to +2, on the rest side, so the first cow of a set counts too and holding
    // still counts nothing. (With the rest side below -20, only a cat armed a cycle: the rendered
    // figure's 5 cycles, neutral first, counted 4 on its exact landmarks; the engines counted 5
    // only while the head angle read backwards, see posture.ts. docs/routine-drills.md.)
    enterDeg: 15,
    exitDeg: 5,
    // One breath in and out takes 3-6 s; faster than 1 s is not a controlled cycle.
    minRepMs: 1000,
    dose: { sets: 1, durationSeconds: 45, perDay: 3 },
    instructions: 'On hands and knees, side-on to the camera. Breathe in as you drop the belly and lift the head (cow); breathe out as you round the back and tuck the chin (cat).',
    camera: 'side',
    // The head lifts and tucks in other poses too (a lunge, a forward fold): only on all fours is it cat-cow.
    position: ['all-fours'],
  },
  {
    id: 'wall-extension-hold',
    name: 'Wall extension hold',
    stage: 2,
    kind: 'hold',
    targetSeconds: 10,
    restSeconds: 5,
    // Relative to the neutral stance measured first. Standing thoracic extension is small
    // (about 9 +/- 4 deg) and a person standing still sways by 2-3 deg (SD, frame to frame), so
    // the hold starts at +6 deg (twice the 3 deg below which changes are noise): deliberate, yet
    // within reach of a stiff back. It ends back under +3 deg, the noise floor.
    signal: { type: 'trunk-extension' },
    enterDeg: 6,
    exitDeg: 3,
    dose: { sets: 1, reps: 10, holdSeconds: 10, perDay: 2 },
    instructions: 'Side-on to the camera, heels a foot from the wall. Stand relaxed for 2 s, then lift the chest and arch the upper back towards the wall and hold.',
    camera: 'side',
    position: ['standing'],
  },
  {
    id: 'wall-facing-squat',
    name: 'Wall-facing squat',
    stage: null,
    kind: 'reps',
    signal: { type: 'joint-angle', landmarks: ['near_hip', 'near_knee', 'near_ankle'] },
    // Facing a wall keeps the chest tall and limits depth: 130 deg (50 deg of knee flexion) is
    // a real squat for most people here, and 155 deg is standing with soft knees.
    enterDeg: 130,
    exitDeg: 155,
    minRepMs: 600,
    dose: { sets: 2, reps: 10 },
    instructions: 'Face a wall, toes a hand-width from it, side-on to the camera. Squat as low as you can without touching the wall, chest tall.',
    camera: 'side-or-three-quarter',
    position: ['standing'],
  },
  {
    id: 'swiss-ball-hip-extension-lowering',
    name: 'Swiss ball hip extension, slow lowering',
    stage: 3,
    kind: 'reps',
    // Hip angle between trunk and thigh, signed: draped over the ball the hips are the top of
    // the body, above the shoulder-knee line, 130-150 deg of bend reads 210-230; with the body in
    // one line it reads 180, and lifting the legs higher takes it below 180. A rep is up to 195
    // (15 deg short of straight) and back down past 215; the time from the top back down is the
    // eccentric (lowering) phase, which this stage trains.
    signal: { type: 'joint-angle', landmarks: ['near_shoulder', 'near_hip', 'near_knee'], signed: 'up' },
    enterDeg: 195,
    exitDeg: 215,
    minRepMs: 800,
    measureLowering: true,
    dose: { sets: 2, reps: 10, perDay: 1 },
    instructions: 'Lie face down with the hips on a Swiss ball, side-on to the camera. Lift the legs until the body is straight, then lower slowly (3-4 s).',
    camera: 'side-or-three-quarter',
    position: ['prone'],
  },
  {
    id: 'dumbbell-pullover',
    name: 'Dumbbell pullover',
    stage: 4,
    kind: 'reps',
    // Shoulder flexion as the angle between trunk and upper arm: 90 deg with the weight over
    // the chest, 160-180 deg with the arms overhead in line with the trunk. Past 145 is a
    // pullover a stiff upper back can reach; below 115 the arms are back over the chest.
    signal: { type: 'joint-angle', landmarks: ['near_hip', 'near_shoulder', 'near_elbow'] },
    enterDeg: 145,
    exitDeg: 115,
    minRepMs: 600,
    dose: { sets: 3, reps: 10, repsMax: 20, everyNDays: 2 },
    instructions: 'Lie on your back across a bench, side-on to the camera, a dumbbell held over the chest with both hands. Lower it behind the head with slightly bent arms, then pull it back over the chest.',
    camera: 'side-or-three-quarter',
    position: ['supine'],
  },
  {
    id: 'back-bridge',
    name: 'Back bridge',
    stage: 5,
    kind: 'reps',
    // How far the hips rise above the line from the shoulders to the feet, as a signed angle at
    // the hip: lying with the knees bent (or the legs straight) shoulders, hips and ankles lie
    // on the floor, about 180 (within 5-10 deg: the joints sit at different heights); a bridge
    // lifts the hips 15-25 cm, 35-50 deg past straight; a full bridge more. The unsigned
    // shoulder-hip-knee angle read about 180 both at the top and lying flat with straight legs,
    // which counted lying down as a rep. A rep rises past 205 (hips clearly off the floor) and
    // ends back under 195.
    signal: { type: 'joint-angle', landmarks: ['near_shoulder', 'near_hip', 'near_ankle'], signed: 'up' },
    enterDeg: 205,
    exitDeg: 195,
    minRepMs: 800,
    dose: { sets: 4, reps: 5, repsMax: 16, perWeek: 1, perWeekMax: 2 },
    instructions: 'Lie on your back, knees bent and feet flat, side-on to the camera. Push the hips up until shoulders, hips and knees are in line (or into a full bridge), then lower.',
    camera: 'side-or-three-quarter',
    position: ['supine'],
  },
  {
    id: 'band-pull-apart',
    name: 'Band pull-apart',
    stage: null,
    kind: 'reps',
    // Facing the camera: each arm's horizontal abduction, estimated from how far apart the wrists
    // are across the picture against the trunk's length (signal.ts, armSpreadDeg). Hands in
    // front at shoulder width read 5-15, pulled out to the sides 65-80, from a camera on a table
    // (0.6 m) to one at eye height (1.7 m), 1.8-3.5 m away (docs/routine-drills.md). The angle
    // at the nose between the wrists, used before, read 146-161 for the same arms from a camera
    // below the shoulders (the forward arms look raised beside the head) and never counted.
    // A rep is out past 45 and back under 25.
    signal: { type: 'arm-spread' },
    enterDeg: 45,
    exitDeg: 25,
    minRepMs: 500,
    dose: { sets: 1, reps: 15 },
    instructions: 'Face the camera, arms straight in front at shoulder height holding a light band. Pull the hands apart out to the sides, then bring them back to shoulder width.',
    camera: 'front',
    position: ['standing'],
  },
  {
    id: 'table-top-twist',
    name: 'Table-top twist',
    stage: null,
    kind: 'reps',
    // On forearms and knees, side-on, one hand behind the head: the elbow threads down under the
    // body and twists up towards the ceiling. Its upper arm's elevation from its height above the
    // shoulder (an upper arm is about 0.6 trunk lengths): -90 hanging, about -40 to -70 threaded
    // under, +40 to +80 twisted up. Read on both sides, the higher: the supporting arm hangs at
    // -90, so whichever arm twists, near or far, is the one read. A rep is up past +30 and back
    // down under -15. Checked on real landmarks with the arm moved (docs/routine-drills.md); no
    // footage of the drill exists here.
    signal: { type: 'segment-elevation', landmarks: ['near_shoulder', 'near_elbow'], lengthTrunks: 0.6, eitherSide: true },
    enterDeg: 30,
    exitDeg: -15,
    minRepMs: 800,
    // 8 a side: one set per side.
    dose: { sets: 2, reps: 8 },
    perSide: 'each',
    instructions: 'On forearms and knees, side-on to the camera. Put one hand behind your head; thread that elbow down under your body, then twist it up towards the ceiling, following it with your eyes. Then the other side.',
    camera: 'side-or-three-quarter',
    position: ['forearms-and-knees', 'all-fours'],
  },
  {
    id: 'thoracic-bridge',
    name: 'Thoracic bridge',
    stage: null,
    kind: 'reps',
    // Sitting back on the hands, feet flat: the hips lift towards the sky as one arm reaches over.
    // The hip's signed angle between shoulder and knee: sitting, the hip sits low under the line
    // from the shoulder to the knee, 50-110; lifted, shoulders, hips and knees come into a line,
    // 165-190. A rep is up past 150 and back down under 125; each lift is one rep, the sides
    // taking turns. Checked on real landmarks with the hips and arm moved (docs/routine-drills.md);
    // no footage of the drill exists here.
    signal: { type: 'joint-angle', landmarks: ['near_shoulder', 'near_hip', 'near_knee'], signed: 'up' },
    enterDeg: 150,
    exitDeg: 125,
    minRepMs: 800,
    dose: { sets: 1, reps: 10 },
    perSide: 'alternating',
    instructions: 'Sit side-on to the camera, hands on the floor behind you, knees bent, feet flat. Lift the hips towards the sky as one arm reaches over your body, then lower; change arms each time.',
    camera: 'side-or-three-quarter',
    position: ['reverse-table-top'],
  },
  {
    id: 'squat',
    name: 'Squat',
    stage: null,
    kind: 'reps',
    // Knee angle: 165-180 deg standing, about 90 deg at parallel. Below 120 (60 deg of knee
    // flexion, between a quarter and a half squat) counts as a squat; the rep ends back above
    // 155 (standing with soft knees). A 3/4 view makes the knee look 10-20 deg straighter.
    signal: { type: 'joint-angle', landmarks: ['near_hip', 'near_knee', 'near_ankle'] },
    enterDeg: 120,
    exitDeg: 155,
    minRepMs: 600,
    dose: { sets: 3, reps: 10 },
    instructions: 'Side-on (or three-quarter) to the camera, whole body in view. Squat until the thighs are at least halfway to parallel, then stand up.',
    camera: 'side-or-three-quarter',
    position: ['standing'],
  },
  {
    id: 'push-up',
    name: 'Push-up',
    stage: null,
    kind: 'reps',
    // Elbow angle: 160-180 deg with the arms straight, about 90 deg with the chest near the
    // floor. Below 110 is a push-up deep enough to load the chest; above 150 the arms are
    // straight again.
    signal: { type: 'joint-angle', landmarks: ['near_shoulder', 'near_elbow', 'near_wrist'] },
    enterDeg: 110,
    exitDeg: 150,
    dose: { sets: 3, reps: 10 },
    instructions: 'Side-on to the camera, whole body in view. Lower the chest until the elbows are bent to about a right angle, then push back up.',
    camera: 'side-or-three-quarter',
    // A plank, face down; push-ups from the knees are on all fours.
    position: ['prone', 'all-fours'],
  },
];

const BY_ID = new Map(CATALOGUE.map((e) => [e.id, e]));

export function getExercise(id: string): Exercise | undefined {
  return BY_ID.get(id);
}
