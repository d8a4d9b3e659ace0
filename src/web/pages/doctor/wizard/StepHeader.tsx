/**
 * The wizard's steps on a phone: numbered 44 px buttons (a tap jumps there, saving first) and
 * the current step's name in full, instead of six 12 px captions squeezed into 390 px.
 */
export function StepHeader({
  titles,
  step,
  onGo,
}: {
  titles: readonly string[];
  step: number;
  onGo: (to: number) => void;
}) {
  return (
    <nav aria-label="报名步骤" style={{ marginBottom: 8 }}>
      <ol style={{ display: 'flex', justifyContent: 'space-between', listStyle: 'none', margin: 0, padding: 0 }}>
        {titles.map((t, i) => {
          const state = i < step ? 'done' : i === step ? 'current' : 'todo';
          return (
            <li key={t}>
              <button
                type="button"
                onClick={() => i !== step && onGo(i)}
                aria-current={state === 'current' ? 'step' : undefined}
                aria-label={`第${i + 1}步 ${t}`}
                style={{
                  width: 44,
                  height: 44,
                  borderRadius: 22,
                  border: `2px solid ${state === 'todo' ? '#bfbfbf' : '#1677ff'}`,
                  background: state === 'current' ? '#1677ff' : '#fff',
                  color: state === 'current' ? '#fff' : state === 'done' ? '#1677ff' : '#595959',
                  fontSize: 18,
                  fontWeight: 600,
                  cursor: 'pointer',
                }}
              >
                {i + 1}
              </button>
            </li>
          );
        })}
      </ol>
      <div style={{ marginTop: 6, color: '#595959' }}>
        第 {step + 1} 步，共 {titles.length} 步
      </div>
    </nav>
  );
}
