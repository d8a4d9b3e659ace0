import { CheckOutlined } from '@ant-design/icons';
import { Button, ConfigProvider } from 'antd';
import { type CSSProperties, createContext, type ReactNode, useContext } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { setBigText, useBigText } from './big-text';
import { confirmLeave } from './leave-guard';
import './doctor.css';

/** The physician menu, named as in seed 004 (首页 个人信息 报名信息 参加测评 考核结果 常见问题). */
export const DOCTOR_MENU = [
  { to: '/doctor', label: '首页' },
  { to: '/doctor/profile', label: '个人信息' },
  { to: '/doctor/register', label: '报名信息' },
  { to: '/doctor/exam', label: '参加测评' },
  { to: '/doctor/result', label: '考核结果' },
  { to: '/doctor/faq', label: '常见问题' },
  { to: '/doctor/manual', label: '操作手册' },
] as const;

/** Sizes for older readers: body text ≥ 16 px (20 px with 大字), controls ≥ 44 px high. */
export function doctorTheme(big: boolean) {
  const fontSize = big ? 20 : 16;
  const controlHeight = big ? 52 : 44;
  return {
    token: {
      fontSize,
      fontSizeSM: fontSize,
      fontSizeLG: fontSize + 2,
      fontSizeHeading4: fontSize + 4,
      fontSizeHeading5: fontSize + 2,
      controlHeight,
      controlHeightSM: controlHeight,
      controlHeightLG: controlHeight + 8,
    },
    components: {
      Descriptions: { titleMarginBottom: 8 },
      Tag: { defaultBg: '#f5f5f5' },
    },
  };
}

/** 大字 switch (a toggle button, 44 px like every other target; persists on this device). */
export function BigTextSwitch() {
  const big = useBigText();
  return (
    <Button
      aria-pressed={big}
      type={big ? 'primary' : 'default'}
      icon={big ? <CheckOutlined aria-hidden /> : undefined}
      onClick={() => setBigText(!big)}
    >
      大字
    </Button>
  );
}

/** Set inside a shell, so a page that still wraps itself is not given a second menu. */
const InShell = createContext(false);

/**
 * Wraps a physician page: larger text and tap targets, the 大字 switch and the physician menu.
 * The router wraps every `mobile` route in it (MobileLayout), so pages do not.
 * `menu={false}` for pages reached before logging in (操作手册, 常见问题 from the login page);
 * `bigTextSwitch` alone (no menu) for pages not left by a menu tap (答题).
 */
export function DoctorShell({
  children,
  menu = true,
  bigTextSwitch = menu,
}: {
  children: ReactNode;
  menu?: boolean;
  bigTextSwitch?: boolean;
}) {
  const nested = useContext(InShell);
  return nested ? (
    children
  ) : (
    <Shell menu={menu} bigTextSwitch={bigTextSwitch}>
      {children}
    </Shell>
  );
}

function Shell({ children, menu, bigTextSwitch }: { children: ReactNode; menu: boolean; bigTextSwitch: boolean }) {
  const big = useBigText();
  const loc = useLocation();
  const nav = useNavigate();
  const style = {
    '--dk-font-size': `${big ? 20 : 16}px`,
    '--dk-control-height': `${big ? 52 : 44}px`,
    fontSize: big ? 20 : 16,
  } as CSSProperties;
  return (
    <ConfigProvider theme={doctorTheme(big)}>
      <InShell.Provider value={true}>
        <div className="dk-doctor" style={style}>
          {menu && (
            <nav className="dk-doctor-nav" aria-label="医师菜单">
              {DOCTOR_MENU.map((m) => (
                <Link
                  key={m.to}
                  to={m.to}
                  aria-current={loc.pathname === m.to ? 'page' : undefined}
                  onClick={(e) => {
                    e.preventDefault();
                    void confirmLeave().then((ok) => ok && nav(m.to));
                  }}
                >
                  {m.label}
                </Link>
              ))}
              <span style={{ marginLeft: 'auto', paddingLeft: 8 }}>
                <BigTextSwitch />
              </span>
            </nav>
          )}
          {!menu && bigTextSwitch && (
            <div className="dk-doctor-nav" style={{ justifyContent: 'flex-end' }}>
              <BigTextSwitch />
            </div>
          )}
          {children}
        </div>
      </InShell.Provider>
    </ConfigProvider>
  );
}
