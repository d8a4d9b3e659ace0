import { Button, type ButtonProps, Tooltip } from 'antd';

/** A button the rules withhold right now: shown disabled with the reason (tooltip and accessible name). */
export function Withheld({ label, reason, ...button }: ButtonProps & { label: string; reason: string }) {
  return (
    <Tooltip title={reason}>
      <span>
        <Button type="link" {...button} disabled aria-label={`${label}（${reason}）`}>
          {label}
        </Button>
      </span>
    </Tooltip>
  );
}
