import { Button } from 'antd';

/** 上一题 / 标记 / 答题卡 / 下一题: four equal columns that fit a 390 px phone. */
export function NavRow(props: {
  isFirst: boolean;
  isLast: boolean;
  marked: boolean;
  onPrev: () => void;
  onToggleMark: () => void;
  onSheet: () => void;
  onNext: () => void;
}) {
  return (
    <div className="dk-btn-row" style={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gap: 8 }}>
      <Button disabled={props.isFirst} onClick={props.onPrev}>
        上一题
      </Button>
      <Button onClick={props.onToggleMark} type={props.marked ? 'primary' : 'default'} ghost={props.marked}>
        {props.marked ? '取消标记' : '标记'}
      </Button>
      <Button onClick={props.onSheet}>答题卡</Button>
      <Button disabled={props.isLast} onClick={props.onNext}>
        下一题
      </Button>
    </div>
  );
}
