import { Button, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { TQuestionType } from '../../../shared/schemas/bank';
import { ApiError } from '../../api/client';

export const errText = (e: unknown) => (e instanceof ApiError ? e.message : '加载失败，请稍后重试');
export const fmt = (s: string | null) => (s ? dayjs(s).format('YYYY/MM/DD HH:mm') : '');
export const judgeText = (k: string) => (k === 'A' ? '正确' : '错误');
/** A, B, C … for the n-th option of a frozen paper (its option ids are opaque). */
export const letter = (i: number) => String.fromCharCode(65 + i);

/** Title line of a 学习 page with 【返回】. */
export function BackBar({ title, to = '/doctor/learn', extra }: { title: string; to?: string; extra?: ReactNode }) {
  const nav = useNavigate();
  return (
    <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', marginBottom: 12 }}>
      <Space>
        <Button size="small" onClick={() => nav(to)}>
          返回
        </Button>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
      </Space>
      {extra}
    </div>
  );
}

/** Options after answering: the right ones green ✓, a wrong pick red ✗. */
export function OptionLines({
  options,
  isRight,
  isPicked,
  label,
}: {
  options: { key: string; text: string }[];
  isRight: (key: string) => boolean;
  isPicked: (key: string) => boolean;
  label: (o: { key: string; text: string }, i: number) => string;
}) {
  return (
    <div>
      {options.map((o, i) => {
        const right = isRight(o.key);
        const picked = isPicked(o.key);
        return (
          <div
            key={o.key}
            style={{
              padding: '4px 0',
              color: right ? '#389e0d' : picked ? '#cf1322' : undefined,
              fontWeight: right || picked ? 600 : 400,
            }}
          >
            {label(o, i)}
            {right && ' ✓'}
            {picked && !right && ' ✗'}
          </div>
        );
      })}
    </div>
  );
}

/** Label of a question-bank option: 判断题 show only the text, others "A. text". */
export const optionLabel = (type: TQuestionType) => (o: { key: string; text: string }) =>
  type === 'judge' ? o.text : `${o.key}. ${o.text}`;
