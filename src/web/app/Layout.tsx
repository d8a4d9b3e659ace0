import { LogoutOutlined, SafetyOutlined, SwapOutlined, HomeOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import type { ItemType } from 'antd/es/menu/interface';
import { useMemo, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import { useAction } from '../components';
import { DoctorShell } from '../pages/doctor/shell/DoctorShell';
import { useActor, useMe } from './auth';
import { ALL_ROUTES } from './routes';

const ROLE_COLORS: Record<string, string> = {
  admin: 'red',
  institution: 'blue',
  body: 'purple',
  industry: 'cyan',
  physician: 'green',
};

/** Build the left navigation for the current role from the routes' menu entries. */
function useMenuItems(): ItemType[] {
  const me = useActor();
  return useMemo(() => {
    const visible = ALL_ROUTES.filter(
      (r) =>
        r.menu?.roles.includes(me.role) &&
        (!r.menu.adminLevels || (me.adminLevel && r.menu.adminLevels.includes(me.adminLevel))),
    ).sort((a, b) => a.menu!.order - b.menu!.order);
    type Node = { key: string; label: string; children: Node[]; order: number; leaf?: boolean };
    const root: Node = { key: 'root', label: '', children: [], order: 0 };
    for (const r of visible) {
      let node = root;
      for (const g of r.menu!.group ?? []) {
        let child = node.children.find((c) => !c.leaf && c.label === g);
        if (!child) {
          child = { key: `group:${node.key}/${g}`, label: g, children: [], order: r.menu!.order };
          node.children.push(child);
        }
        node = child;
      }
      node.children.push({ key: r.path, label: r.menu!.label, children: [], order: r.menu!.order, leaf: true });
    }
    const toItems = (n: Node): ItemType[] =>
      n.children.map((c) =>
        c.leaf ? { key: c.key, label: c.label } : { key: c.key, label: c.label, children: toItems(c) },
      );
    return [{ key: '/', label: '首页', icon: <HomeOutlined /> }, ...toItems(root)];
  }, [me.role, me.adminLevel]);
}

function UserBar() {
  const me = useActor();
  const { refresh } = useMe();
  const nav = useNavigate();
  const act = useAction();
  const logout = () =>
    act(async () => {
      await api.post('/api/auth/logout');
      await refresh();
      nav(me.role === 'physician' ? '/doctor/login' : '/login');
    });
  const role = me.switchableRoles[0];
  const switchRole = () =>
    act(
      async () => {
        await api.post('/api/auth/switch-role', { role });
        await refresh();
        nav('/');
      },
      `已切换为${role === 'body' ? '考核机构' : '卫生机构'}`,
    );
  return (
    <Space size="middle" wrap>
      <Typography.Text style={{ color: '#fff' }}>{me.displayName}</Typography.Text>
      <Tag color={ROLE_COLORS[me.role]}>{me.roleLabel}</Tag>
      {me.switchableRoles.length > 0 && (
        <Button size="small" icon={<SwapOutlined />} onClick={switchRole}>
          角色切换
        </Button>
      )}
      <Button
        size="small"
        icon={<SafetyOutlined />}
        onClick={() => nav(me.role === 'physician' ? '/doctor/security' : '/security')}
      >
        安全设置
      </Button>
      <Button size="small" icon={<LogoutOutlined />} onClick={logout}>
        退出
      </Button>
    </Space>
  );
}

export function AdminLayout({ children }: { children: ReactNode }) {
  const items = useMenuItems();
  const nav = useNavigate();
  const loc = useLocation();
  const openKeys = useMemo(() => {
    const keys: string[] = [];
    const walk = (list: ItemType[], trail: string[]) => {
      for (const it of list) {
        if (!it || !('key' in it)) continue;
        const children = (it as { children?: ItemType[] }).children;
        if (children) walk(children, [...trail, String(it.key)]);
        else if (it.key === loc.pathname) keys.push(...trail);
      }
    };
    walk(items, []);
    return keys;
  }, [items, loc.pathname]);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', padding: '0 16px' }}
      >
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          医师定期考核信息登记管理系统
        </Typography.Title>
        <UserBar />
      </Layout.Header>
      <Layout>
        <Layout.Sider width={264} theme="light" breakpoint="lg" collapsedWidth={0}>
          <Menu
            mode="inline"
            selectedKeys={[loc.pathname]}
            defaultOpenKeys={openKeys}
            items={items}
            inlineIndent={16}
            onClick={(e) => nav(e.key)}
            style={{ height: '100%', borderRight: 0 }}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 16, background: '#f5f7fa' }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}

/**
 * Physician pages: mobile-first, one column, also fine on a PC; every one inside the physician
 * shell (issue 12 item 14). `focus`: the 大字 switch without the menu (答题).
 */
export function MobileLayout({ children, focus = false }: { children: ReactNode; focus?: boolean }) {
  const me = useActor();
  const nav = useNavigate();
  return (
    <div style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      <div
        style={{
          background: '#1677ff',
          color: '#fff',
          padding: '2px 14px',
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'center',
        }}
      >
        <Button
          type="link"
          onClick={() => nav('/doctor')}
          style={{ color: '#fff', fontWeight: 600, padding: 0, height: 44, fontSize: 18 }}
        >
          医师定期考核
        </Button>
        <span style={{ fontSize: 16 }}>{me.displayName}</span>
      </div>
      <div style={{ maxWidth: 720, margin: '0 auto', padding: 12 }}>
        <DoctorShell menu={!focus} bigTextSwitch>
          {children}
        </DoctorShell>
      </div>
    </div>
  );
}
