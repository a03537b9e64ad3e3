import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2e, launchBrowser, noBrowser, signIn } from './browser.ts';

const PASSWORD = 'Demo@2026cy';
const TITLE = `E2E议事会${Date.now() % 100000}`;
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 200 });
const OK = /^(确\s*定|OK)$/;

async function api<T>(page: Page, method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'gz_csrf')?.value ?? '';
  const res =
    method === 'GET'
      ? await page.request.get(`${e2e.baseUrl}${url}`)
      : await page.request.post(`${e2e.baseUrl}${url}`, { headers: { 'x-csrf-token': csrf }, data: body });
  expect(res.status(), `${method} ${url}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}

describe.skipIf(noBrowser)('council hall (红色议事厅) journey', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('calls a meeting, a resident signs in by its QR link, and a resolution is recorded', async () => {
    const staff = await (await browser.newContext()).newPage();
    await signIn(staff, 'committee', PASSWORD);
    await staff.goto(`${e2e.baseUrl}/council`);
    await staff.getByRole('button', { name: /召开议事会/ }).click();
    const dialog = staff.getByRole('dialog');
    await dialog.getByLabel('会议名称').fill(TITLE);
    // three days ahead, typed as Beijing time; the page shows it back on the street's clock
    const day = new Date(Date.now() + 3 * 86_400_000).toLocaleDateString('sv-SE', {
      timeZone: 'Asia/Shanghai',
    });
    await dialog.getByLabel('时间').fill(`${day}T14:30`);
    await dialog.getByLabel('地点').fill('曹杨二村睦邻中心');
    await dialog.getByLabel('主持人').fill('陈丽华');
    await dialog.getByRole('button', { name: OK }).click();
    await poll(() => staff.getByRole('link', { name: `进入 ${TITLE}` }).isVisible()).toBe(true);
    await staff.getByRole('link', { name: `进入 ${TITLE}` }).click();
    await poll(() => staff.getByRole('heading', { name: TITLE }).isVisible()).toBe(true);
    await poll(() => staff.getByText(`${day.replaceAll('-', '/')} 14:30`).isVisible()).toBe(true);
    await poll(() => staff.getByTestId('sign-in-url').inputValue()).toContain('/council/check-in/');
    const url = await staff.getByTestId('sign-in-url').inputValue();
    expect(await staff.getByRole('img', { name: '签到二维码' }).getAttribute('src')).toMatch(
      /^data:image\/png/,
    );

    // the resident opens the QR link on a phone
    const phone = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })
    ).newPage();
    await signIn(phone, 'resident', PASSWORD);
    await phone.goto(url.replace(/^https?:\/\/[^/]+/, e2e.baseUrl));
    await poll(() => phone.getByText('签到成功').isVisible()).toBe(true);
    await poll(() => phone.getByText(TITLE, { exact: false }).isVisible()).toBe(true);

    // the meeting page shows the sign-in live, without a reload
    await poll(() => staff.getByTestId('attendance').innerText()).toBe('1 / 0');
    await poll(() => staff.getByText(/扫码/).first().isVisible()).toBe(true);

    await staff.getByLabel('决议内容').fill('同意在楼道增设电动车集中充电点');
    await staff.getByLabel('赞成').fill('18');
    await staff.getByLabel('反对').fill('2');
    await staff.getByLabel('弃权').fill('1');
    await staff.getByRole('button', { name: '记录决议' }).click();
    await poll(() => staff.getByTestId('resolutions').innerText()).toMatch(
      /增设电动车集中充电点[\s\S]*赞成 18[\s\S]*通过/,
    );

    // invite an expert and a resident from a household, then mark the expert present at the door
    await staff.getByRole('button', { name: '邀请参会人' }).click();
    const invite = staff.getByRole('dialog');
    await invite.getByRole('radio', { name: '专家' }).dispatchEvent('click');
    await invite.getByLabel('姓名', { exact: true }).fill('钱工程师');
    await invite.getByLabel('单位/专业').fill('同济大学建筑设计研究院');
    await invite.getByRole('button', { name: /^邀\s*请$/ }).click();
    await poll(() => staff.getByRole('button', { name: '代为签到 钱工程师' }).isVisible()).toBe(true);
    await invite.getByRole('radio', { name: '居民' }).dispatchEvent('click');
    await invite.getByLabel('所在户（按门牌或姓名搜索）').click();
    const option = staff.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
    await poll(() => option.isVisible()).toBe(true);
    const address = (await option.innerText()).split(' ')[0]!;
    await option.click();
    await poll(() => invite.getByLabel('姓名', { exact: true }).inputValue()).not.toBe('');
    const invitedName = await invite.getByLabel('姓名', { exact: true }).inputValue();
    await invite.getByRole('button', { name: /^邀\s*请$/ }).click();
    await poll(() => staff.getByText(address).first().isVisible()).toBe(true);
    await invite.getByRole('button', { name: /^(取\s*消|Cancel)$/ }).click();
    // a click landing while the form re-renders can be lost on a busy machine: close it for sure
    await poll(async () => {
      if (await invite.isVisible()) await staff.keyboard.press('Escape');
      return invite.isVisible();
    }).toBe(false);
    await poll(() => staff.getByTestId('attendance').innerText()).toBe('1 / 2');
    await staff.getByRole('button', { name: '代为签到 钱工程师' }).click();
    await poll(() => staff.getByTestId('attendance').innerText()).toBe('2 / 2');
    expect(await staff.getByRole('button', { name: `代为签到 ${invitedName}` }).isVisible()).toBe(true);

    // a second resolution voted person by person by the two present: one for, one against
    await staff.getByLabel('决议内容').fill('楼道杂物限一周内清理完毕');
    await staff.getByRole('radio', { name: '逐人记票（到场人员）' }).dispatchEvent('click');
    const ballots = staff.getByTestId('individual-votes');
    await poll(() => ballots.locator('li').count()).toBe(2);
    await ballots
      .locator('li', { hasText: '钱工程师' })
      .getByRole('radio', { name: '反对' })
      .dispatchEvent('click');
    await ballots
      .locator('li')
      .filter({ hasNotText: '钱工程师' })
      .getByRole('radio', { name: '赞成' })
      .dispatchEvent('click');
    await staff.getByRole('button', { name: '记录决议' }).click();
    await poll(() => staff.getByTestId('resolutions').innerText()).toMatch(
      /限一周内清理完毕（赞成 1 \/ 反对 1 \/ 弃权 0）[\s\S]*逐人记票[\s\S]*未通过/,
    );

    const meetingId = /check-in\/(\d+)/.exec(url)![1];
    const pdf = await staff.request.get(`${e2e.baseUrl}/api/council/meetings/${meetingId}/minutes.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
  });

  it('an invited resident on a phone reads the agenda, replies, signs in as herself and later reads the minutes', async () => {
    const title = `E2E邀请议事会${Date.now() % 100000}`;
    const staff = await (await browser.newContext()).newPage();
    await signIn(staff, 'committee', PASSWORD);
    await staff.goto(`${e2e.baseUrl}/council`);
    await staff.getByRole('button', { name: /召开议事会/ }).click();
    const dialog = staff.getByRole('dialog');
    await dialog.getByLabel('会议名称').fill(title);
    const day = new Date(Date.now() + 3 * 86_400_000).toLocaleDateString('sv-SE', {
      timeZone: 'Asia/Shanghai',
    });
    await dialog.getByLabel('时间').fill(`${day}T09:30`);
    await dialog.getByLabel('地点').fill('曹杨二村睦邻中心');
    await dialog.getByLabel('主持人').fill('陈丽华');
    await dialog.getByLabel('议程（议题）').click();
    const topicOption = staff.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
    await poll(() => topicOption.isVisible()).toBe(true);
    const topicTitle = (await topicOption.innerText()).trim();
    await topicOption.click();
    await staff.keyboard.press('Escape');
    await dialog.getByRole('button', { name: OK }).click();
    await poll(() => staff.getByRole('link', { name: `进入 ${title}` }).isVisible()).toBe(true);
    await staff.getByRole('link', { name: `进入 ${title}` }).click();
    await poll(() => staff.getByRole('heading', { name: title }).isVisible()).toBe(true);
    const meetingId = Number(/meetings\/(\d+)/.exec(staff.url())![1]);
    // the demo runs without GONGZHI_PUBLIC_URL: the QR code's host is this screen's, and the page says so
    await poll(() => staff.getByTestId('public-url-hint').isVisible()).toBe(true);

    // the resident's household is invited in the head's name, as staff pick it from the household list
    const phone = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })
    ).newPage();
    await signIn(phone, 'resident', PASSWORD);
    const home = await api<{ household: { id: number; headName: string } }>(phone, 'GET', '/api/portal/home');
    const head = home.household.headName;
    await api(staff, 'POST', `/api/council/meetings/${meetingId}/participants`, {
      name: head,
      kind: 'resident',
      householdId: home.household.id,
    });

    // on her phone, in elder mode: the portal links the meeting; its page has the agenda and the reply
    await phone.goto(`${e2e.baseUrl}/my`);
    const toggle = phone.getByTestId('elder-switch');
    await toggle.waitFor();
    if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
    const invitation = phone.locator(`a[href="/council/meetings/${meetingId}"]`).first();
    await poll(() => invitation.isVisible()).toBe(true);
    await invitation.click();
    await poll(() => phone.getByRole('heading', { name: title }).isVisible()).toBe(true);
    expect(await phone.getByText('无权访问').count()).toBe(0);
    await poll(() => phone.getByTestId('agenda').innerText()).toContain(topicTitle);
    await phone.getByRole('button', { name: '参加', exact: true }).click();
    await poll(() => phone.getByTestId('rsvp-status').innerText()).toBe('您已回复：参加');
    await phone.getByRole('button', { name: '待定', exact: true }).click();
    await poll(() => phone.getByTestId('rsvp-status').innerText()).toBe('您已回复：待定');
    // staff see the answer live: counted, and on the invitee's row with who answered
    await poll(() => staff.getByTestId('rsvp-counts').innerText()).toContain('待定 1');
    await poll(() => staff.getByRole('row', { name: new RegExp(head) }).innerText()).toContain('待定');

    // she scans the door's code: signed in as herself, the head's invitation stays open
    const url = await staff.getByTestId('sign-in-url').inputValue();
    expect(url).toMatch(/\/council\/check-in\/\d+\?t=[0-9a-z]+\./);
    await phone.goto(url.replace(/^https?:\/\/[^/]+/, e2e.baseUrl));
    await poll(() => phone.getByText('签到成功').isVisible()).toBe(true);
    const done = await phone.getByText(title, { exact: false }).innerText();
    expect(done).toContain('刘桂芳');
    if (!head.includes('刘桂芳')) expect(done).not.toContain(head);
    await poll(() => staff.getByTestId('attendance').innerText()).toBe('1 / 1');
    // her own row (the head's row names her too, as the one who replied for it)
    await poll(() => staff.getByRole('row', { name: /^(居民 )?刘桂芳 / }).innerText()).toContain('扫码');
    if (!head.includes('刘桂芳'))
      expect(await staff.getByRole('button', { name: `代为签到 ${head}` }).isVisible()).toBe(true);

    // after the meeting: a resolution, the minutes saved and published
    await staff.getByLabel('决议内容').fill('同意增设楼道扶手');
    await staff.getByLabel('赞成').fill('15');
    await staff.getByRole('button', { name: '记录决议' }).click();
    await poll(() => staff.getByTestId('resolutions').innerText()).toContain('同意增设楼道扶手');
    await staff.getByLabel('会议记录').fill('居民代表发言，表决通过增设扶手。');
    await staff.getByRole('button', { name: '保存记录并标记已召开' }).click();
    await poll(() => staff.getByRole('button', { name: /公布纪要与表决结果/ }).isEnabled()).toBe(true);
    await staff.getByRole('button', { name: /公布纪要与表决结果/ }).click();
    await staff.locator('.ant-popconfirm').getByRole('button', { name: OK }).click();
    await poll(() => staff.getByTestId('minutes-published').isVisible()).toBe(true);

    await phone.goto(`${e2e.baseUrl}/council/meetings/${meetingId}`);
    await poll(() => phone.getByTestId('published-minutes').innerText()).toContain(
      '居民代表发言，表决通过增设扶手。',
    );
    expect(await phone.getByTestId('resident-resolutions').innerText()).toMatch(
      /同意增设楼道扶手[\s\S]*通过/,
    );
  });

  it('turns a topic into a self-governance project and publishes its results for residents', async () => {
    const topicTitle = `E2E议题${Date.now() % 100000}`;
    const projectName = `E2E自治项目${Date.now() % 100000}`;
    const staff = await (await browser.newContext()).newPage();
    await signIn(staff, 'committee', PASSWORD);
    await staff.goto(`${e2e.baseUrl}/council`);
    await staff.getByRole('button', { name: /提出议题/ }).click();
    let dialog = staff.getByRole('dialog');
    await dialog.getByLabel('议题').fill(topicTitle);
    await dialog.getByLabel('提出人').fill('楼组长 测试');
    await dialog.getByRole('button', { name: OK }).click();
    await staff.getByRole('tab', { name: '议题' }).click();
    await staff.getByRole('button', { name: `转为自治项目 ${topicTitle}` }).click();
    dialog = staff.getByRole('dialog');
    await poll(() => dialog.getByLabel('项目名称').inputValue()).toBe(topicTitle);
    await dialog.getByLabel('项目名称').fill(projectName);
    await dialog.getByLabel('项目类型').click();
    await staff.keyboard.type('事和院');
    await staff.keyboard.press('Enter');
    await dialog.getByRole('button', { name: '添加节点' }).click();
    await dialog.getByLabel('节点1', { exact: true }).fill('方案征询');
    await dialog.getByRole('button', { name: /保存项目/ }).click();
    await poll(() => staff.getByRole('heading', { name: projectName }).isVisible()).toBe(true);
    await staff.getByRole('tab', { name: '议题' }).click();
    await poll(() => staff.getByRole('row', { name: new RegExp(topicTitle) }).innerText()).toContain(
      '已转自治项目',
    );
    await staff.getByRole('tab', { name: '自治项目' }).click();

    await staff.getByRole('button', { name: `公布成果 ${projectName}` }).click();
    dialog = staff.getByRole('dialog');
    await dialog.getByLabel('成果').fill('楼道杂物清理完毕，居民自管公约上墙。');
    await dialog.getByRole('button', { name: /公布成果/ }).click();
    await poll(() => staff.getByRole('heading', { name: projectName }).isVisible()).toBe(true);

    const resident = await (await browser.newContext()).newPage();
    await signIn(resident, 'resident', PASSWORD);
    await resident.goto(`${e2e.baseUrl}/council/results`);
    await poll(() => resident.getByRole('heading', { name: projectName }).isVisible()).toBe(true);
    await poll(() => resident.getByText('楼道杂物清理完毕，居民自管公约上墙。').isVisible()).toBe(true);
  });
});
