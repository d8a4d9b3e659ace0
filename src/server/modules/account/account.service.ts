/**
 * 账号: captcha, 机构登录 / 医师登录 with the lock-out, the session (GET /me, 退出, 角色切换) and
 * 安全设置 (password, 绑定手机号, reset by a superior). One file per use case: login/, session/,
 * security/; this barrel keeps the routes' and other modules' imports unchanged.
 */
export { createCaptcha } from './login/captcha.js';
export type { LoginResult } from './login/lockout.js';
export { loginOrganisation } from './login/login-organisation.js';
export { loginPhysician } from './login/login-physician.js';
export { bindMobile, sendBindingCode } from './security/bind-mobile.js';
export { changePassword } from './security/change-password.js';
export { resetAccountPassword } from './security/reset-password.js';
export { describeSession } from './session/describe-session.js';
export { logout } from './session/logout.js';
export { switchRole } from './session/switch-role.js';
