/**
 * The icons of the navigation registry, by name. navigation.ts names them only, so the router
 * (on the sign-in page, a phone's first page) carries no icon; the menu and the home page, in
 * the shell's chunks, draw them from here.
 */
import {
  AlertOutlined,
  ApartmentOutlined,
  ApiOutlined,
  AudioOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BellOutlined,
  BulbOutlined,
  CarOutlined,
  CloudUploadOutlined,
  ClusterOutlined,
  CommentOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  EyeInvisibleOutlined,
  FundProjectionScreenOutlined,
  FundViewOutlined,
  HomeFilled,
  HomeOutlined,
  IdcardOutlined,
  InboxOutlined,
  KeyOutlined,
  MonitorOutlined,
  PartitionOutlined,
  PhoneOutlined,
  RiseOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  ShopOutlined,
  SmileOutlined,
  SolutionOutlined,
  SoundOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';

export const navIcons = {
  AlertOutlined,
  ApartmentOutlined,
  ApiOutlined,
  AudioOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BellOutlined,
  BulbOutlined,
  CarOutlined,
  CloudUploadOutlined,
  ClusterOutlined,
  CommentOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  EyeInvisibleOutlined,
  FundProjectionScreenOutlined,
  FundViewOutlined,
  HomeFilled,
  HomeOutlined,
  IdcardOutlined,
  InboxOutlined,
  KeyOutlined,
  MonitorOutlined,
  PartitionOutlined,
  PhoneOutlined,
  RiseOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  ShopOutlined,
  SmileOutlined,
  SolutionOutlined,
  SoundOutlined,
  TeamOutlined,
  TrophyOutlined,
};

export type NavIconName = keyof typeof navIcons;

/** A registry entry's icon, decorative (its label says what it is). */
export function NavIcon({ name }: { name: NavIconName }) {
  const Icon = navIcons[name];
  return <Icon aria-hidden />;
}
