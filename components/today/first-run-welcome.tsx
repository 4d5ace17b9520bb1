import type { ReactNode, Ref } from 'react';
import { PENDING_ATTRIBUTE } from './programme-hint';

export const FIRST_RUN_STEPS = ['Welcome', 'Place the camera', 'Check the setup', 'First snapshot', 'Your starting stage'] as const;

/** The first-run guide's frame: its heading and the list of steps. */
export function FirstRunFrame({
  step,
  headingRef,
  pending,
  children,
}: {
  step: number;
  headingRef?: Ref<HTMLHeadingElement>;
  /** Drawn before Today's database read (components/today/programme-hint.ts). */
  pending?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby="first-run-title" className="first-run" {...(pending ? { [PENDING_ATTRIBUTE]: pending } : {})}>
      <h1 id="first-run-title" ref={headingRef} tabIndex={-1}>
        {step === 0 ? 'Welcome' : `Step ${step + 1} of ${FIRST_RUN_STEPS.length}: ${FIRST_RUN_STEPS[step]}`}
      </h1>
      <ol className="steps" aria-label="Steps">
        {FIRST_RUN_STEPS.map((name, i) => (
          <li key={name} aria-current={i === step ? 'step' : undefined}>
            {i + 1}. {name}
          </li>
        ))}
      </ol>
      {children}
    </section>
  );
}

/** The guide's first step: what the app does, the warning signs, and the way on. No buttons act while `onNext` is absent. */
export function WelcomeStep({ onNext, onSkip }: { onNext?: () => void; onSkip?: () => void }) {
  return (
    <>
      <p className="lead">
        This app guides a daily programme for a stiff upper back and a head that drifts forward. Your camera measures how you stand and move;
        it counts your holds and reps, and tells you each week whether to move on, stay, or ease off. Video never leaves this device.
      </p>
      <p className="lead">
        It takes about five minutes to set up: place the camera, check that it sees you, take a first posture snapshot, then do your first set.
      </p>
      <div className="notice">
        <p>
          If you have sharp pain, burning, tingling or nerve-like symptoms, see a clinician (a physiotherapist or doctor) before starting.
        </p>
      </div>
      <div className="actions">
        <button type="button" className="primary big" disabled={!onNext} onClick={onNext}>
          Next: place the camera
        </button>
        <button type="button" disabled={!onSkip} onClick={onSkip}>
          Skip the guide: choose a stage
        </button>
      </div>
    </>
  );
}

/**
 * The guide's first step as it looks before the browser's database has been read (drawn in the
 * page's HTML, so a first visit sees it at once): its buttons wait for the guide itself.
 */
export function FirstRunWelcomeShell({ pending }: { pending?: string }) {
  return (
    <FirstRunFrame step={0} pending={pending}>
      <WelcomeStep />
    </FirstRunFrame>
  );
}
