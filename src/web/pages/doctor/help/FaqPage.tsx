import { Collapse, Typography } from 'antd';
import { Link } from 'react-router';
import { ContactLine } from './ContactLine';
import { FAQ } from './faq-content';
import { HelpFrame } from './HelpFrame';

/** 常见问题 (seed 004 menu): seed 002's questions answered for this product, plus 联系客服. */
export function FaqPage() {
  return (
    <HelpFrame title="常见问题">
      <Collapse
        defaultActiveKey={['0']}
        items={FAQ.map((f, i) => ({
          key: String(i),
          label: <span style={{ fontWeight: 600 }}>{f.q}</span>,
          children: f.a.map((t) => (
            <Typography.Paragraph key={t} style={{ marginBottom: 8 }}>
              {t}
            </Typography.Paragraph>
          )),
        }))}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        没有找到答案？
      </Typography.Title>
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        请先看 <Link to="/doctor/manual">医师操作手册</Link>，或联系客服：
      </Typography.Paragraph>
      <ContactLine />
    </HelpFrame>
  );
}
