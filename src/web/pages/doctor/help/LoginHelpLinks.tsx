import { Link } from 'react-router';
import { ContactLine } from './ContactLine';

/**
 * Under both login forms, as on seed 004's login page: 联系客服 (the province's phone and hours,
 * readable without logging in) and 【医师操作手册】 | 【常见问题】.
 */
export function LoginHelpLinks() {
  const link = { display: 'inline-block', minHeight: 44, lineHeight: '44px', padding: '0 8px' };
  return (
    <section aria-label="帮助" style={{ textAlign: 'center', marginTop: 12, fontSize: 16 }}>
      <div>
        <strong>联系客服</strong>
        <ContactLine />
      </div>
      <Link to="/doctor/manual" style={link}>
        医师操作手册
      </Link>
      |
      <Link to="/doctor/faq" style={link}>
        常见问题
      </Link>
    </section>
  );
}
