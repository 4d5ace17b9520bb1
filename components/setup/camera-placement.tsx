/** Where to put the camera and how to stand: words first, with a plan drawing. */
export function CameraPlacement({ headingLevel = 2 }: { headingLevel?: 1 | 2 }) {
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  return (
    <section aria-labelledby="placement-title" className="placement-section">
      <Heading id="placement-title">Place your camera</Heading>
      <svg
        className="placement-figure"
        viewBox="0 0 520 220"
        role="img"
        aria-label="Seen from the side: a wall on the left, the person standing side-on a foot in front of it, and the phone or laptop on a shelf at chest height two to three metres away on the right, pointing at the person."
      >
        <rect x="0" y="0" width="520" height="220" fill="#f1f5f9" />
        <rect x="10" y="10" width="14" height="190" fill="#94a3b8" />
        <text x="30" y="24" fontSize="13" fill="#334155">wall</text>
        <line x1="0" y1="200" x2="520" y2="200" stroke="#64748b" strokeWidth="2" />
        {/* the person, side-on */}
        <circle cx="62" cy="58" r="13" fill="#0f766e" />
        <line x1="60" y1="72" x2="58" y2="135" stroke="#0f766e" strokeWidth="10" strokeLinecap="round" />
        <line x1="58" y1="135" x2="62" y2="198" stroke="#0f766e" strokeWidth="8" strokeLinecap="round" />
        <line x1="60" y1="85" x2="72" y2="128" stroke="#0f766e" strokeWidth="6" strokeLinecap="round" />
        <text x="84" y="150" fontSize="13" fill="#334155">you, side-on</text>
        {/* the camera on a shelf */}
        <rect x="440" y="95" width="44" height="105" fill="#cbd5e1" />
        <rect x="452" y="72" width="16" height="24" rx="3" fill="#0f172a" />
        <circle cx="452" cy="80" r="3" fill="#22d3ee" />
        <text x="400" y="60" fontSize="13" fill="#334155">camera, chest height</text>
        {/* view and distance */}
        <line x1="450" y1="80" x2="80" y2="20" stroke="#0e7490" strokeDasharray="6 5" />
        <line x1="450" y1="80" x2="80" y2="205" stroke="#0e7490" strokeDasharray="6 5" />
        <line x1="90" y1="212" x2="440" y2="212" stroke="#0f172a" />
        <text x="210" y="208" fontSize="13" fill="#0f172a">2 to 3 metres</text>
      </svg>
      <ul className="placement">
        <li>
          <strong>Distance</strong> Two to three metres away, so the picture holds you from head to feet.
        </li>
        <li>
          <strong>Height</strong> At about chest height, upright and level (lean a phone against books rather than tilting it).
        </li>
        <li>
          <strong>Side-on</strong> Stand with one shoulder towards the camera, looking straight ahead, not at the screen.
        </li>
        <li>
          <strong>The wall</strong> For wall holds, stand with your heels about a foot (30 cm) from a wall, back to it, still side-on to the camera.
        </li>
        <li>
          <strong>Alone and lit</strong> Only you in the picture, with light on you rather than a bright window behind you.
        </li>
      </ul>
    </section>
  );
}
