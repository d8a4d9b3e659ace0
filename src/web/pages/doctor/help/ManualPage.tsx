import { Anchor, Typography } from 'antd';
import { Link } from 'react-router';
import { ContactLine } from './ContactLine';
import { HelpFrame } from './HelpFrame';
import { MANUAL } from './manual-content';

// screenshots made from the product itself (./shots/make-shots.ts); a missing one is simply left out
const SHOTS = import.meta.glob<string>('./shots/*.jpg', { eager: true, query: '?url', import: 'default' });
const shotUrl = (name?: string) => (name ? SHOTS[`./shots/${name}.jpg`] : undefined);

/** 医师操作手册 (seed 004 login page): the physician's journey step by step, with screenshots. */
export function ManualPage() {
  return (
    <HelpFrame title="医师操作手册">
      <Typography.Paragraph>
        本手册说明医师在本系统中的全部操作：登录、报名、选择考核程序、申请免考或延期、参加测评和查看结果。
      </Typography.Paragraph>
      <nav aria-label="手册目录">
        <Anchor
          affix={false}
          items={MANUAL.map((s) => ({ key: s.id, href: `#${s.id}`, title: s.title }))}
          style={{ marginBottom: 16 }}
        />
      </nav>
      {MANUAL.map((s) => {
        const url = shotUrl(s.shot);
        return (
          <section key={s.id} id={s.id} style={{ marginBottom: 24 }}>
            <Typography.Title level={4}>{s.title}</Typography.Title>
            <ol style={{ paddingLeft: 24 }}>
              {s.steps.map((t) => (
                <li key={t} style={{ marginBottom: 8 }}>
                  {t}
                </li>
              ))}
            </ol>
            {s.note && <Typography.Paragraph type="warning">{s.note}</Typography.Paragraph>}
            {url && (
              <figure style={{ margin: 0, textAlign: 'center' }}>
                <img
                  src={url}
                  alt={s.alt}
                  loading="lazy"
                  style={{ width: '100%', maxWidth: 300, border: '1px solid #ddd', borderRadius: 8 }}
                />
                <figcaption style={{ color: '#595959' }}>图：{s.alt}</figcaption>
              </figure>
            )}
          </section>
        );
      })}
      <Typography.Title level={4}>遇到问题</Typography.Title>
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        先看 <Link to="/doctor/faq">常见问题</Link>；仍未解决的，请联系本单位定考负责人或客服：
      </Typography.Paragraph>
      <ContactLine />
    </HelpFrame>
  );
}
