import { expect, test } from '@playwright/test';
import { pickOption, pickRadio, wizardButton } from './support-enrolment';
import { arrangePhysician, doctorLogin, facePhoto, PHONE } from './doctor-support';

/**
 * Seed 001 §2.2.3 考核信息完善/提交 (and seed 004 手机端 第三步–第七步) on a 390×844 phone:
 * what is entered survives 下一步/上一步, an empty required field is flagged on 【下一步】,
 * 【返回】 asks before throwing edits away, and the 一般程序 chosen at step 5 is kept without a
 * separate 【保存】 (issue 12 items 9, 13, 14).
 */
test('§2.2.3 申请一般程序：选【一般程序】后直接【确认信息】，考核程序不丢失，【提交信息】后说明接下来的流程', async ({
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const d = await arrangePhysician(playwright, baseURL!, '黄志诚');
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  await doctorLogin(page, d);
  await expect(page.getByTestId('enrolment-status')).toHaveText('已开通报名');
  await page.getByRole('button', { name: '我要报名' }).click();

  // 1 基本信息: 【下一步】 with empty required fields flags them and stays on the step
  await expect(page.getByText('第 1 步，共 6 步')).toBeVisible({ timeout: 30_000 }); // lazy page chunk
  await wizardButton(page, '下一步').click();
  await expect(page.getByText('请选择民族')).toBeVisible();
  await expect(page.getByText('请上传照片')).toBeVisible();
  await expect(page.getByText('第 1 步，共 6 步')).toBeVisible();

  // 【返回】 with unsaved edits asks first; 继续填写 keeps the page
  await page.getByLabel('电子邮件').fill('huangzc@example.cn');
  await wizardButton(page, '返回').click();
  const dialog = page.getByRole('dialog').filter({ hasText: '有未保存的修改' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: '继续填写' }).click();
  await expect(page.getByLabel('电子邮件')).toHaveValue('huangzc@example.cn');

  await pickOption(page, '民族', '壮族');
  await pickOption(page, '学历', '本科');
  await page.getByLabel('手机号').fill(d.mobile);
  await page.locator('input[type=file]').setInputFiles(facePhoto());
  // the on-device face check and the server's face check take a while on a busy machine
  await expect(page.getByAltText('照片')).toBeVisible({ timeout: 60_000 });
  await wizardButton(page, '下一步').click();

  // 2 执业信息 → 【上一步】: step 1 still holds what was typed (saved on the way)
  await expect(page.getByText('第 2 步，共 6 步')).toBeVisible();
  await wizardButton(page, '上一步').click();
  await expect(page.getByLabel('电子邮件')).toHaveValue('huangzc@example.cn');
  await wizardButton(page, '下一步').click();
  await pickOption(page, '科室', '心血管内科');
  await pickOption(page, '从事专业', '心血管内科专业');
  await page.keyboard.press('Escape');
  await pickOption(page, '职称', '中级（主治/主管）');
  await pickRadio(page, '规培生', '否');
  await pickRadio(page, '执业情况', '在职');
  await page.getByLabel('资格证书编号').fill('200845110450100');
  await wizardButton(page, '下一步').click();

  // 3 相关经历 (all optional)
  await expect(page.getByText('多机构备案信息')).toBeVisible();
  await wizardButton(page, '下一步').click();

  // 4 工作成绩、职业道德: 接诊病人数 has no English stepper
  await expect(page.getByText('第 4 步，共 6 步')).toBeVisible();
  await expect(page.getByLabel('Increase Value')).toHaveCount(0);
  await page.getByLabel('接诊病人数').fill('3200');
  await pickRadio(page, '良好执业行为记录', '无');
  await pickRadio(page, '不良执业行为记录', '无');
  await pickRadio(page, '完成工作数量', '合格');
  await pickRadio(page, '完成工作质量', '合格');
  await pickRadio(page, '完成政府指令性工作情况', '合格');
  const situations = page.locator('.ant-form-item').filter({ has: page.locator('label', { hasText: /^\d+\. / }) });
  for (let i = 0; i < (await situations.count()); i++)
    await situations.nth(i).locator('label.ant-radio-wrapper', { hasText: '无' }).click();
  await pickRadio(page, '医德医风自评', '良好');
  await wizardButton(page, '下一步').click();

  // 5 考核程序: 【确认信息】 without a choice is flagged; choosing 一般程序 is enough (no 【保存】)
  await expect(page.getByText('第 5 步，共 6 步')).toBeVisible();
  await wizardButton(page, '确认信息').click();
  await expect(page.getByText('请选择考核程序')).toBeVisible();
  await page.getByText('一般程序', { exact: true }).first().click();
  await wizardButton(page, '确认信息').click();

  // 6 确认信息
  await expect(page.getByText('第 6 步，共 6 步')).toBeVisible();
  await expect(page.getByText('考核程序：一般程序')).toBeVisible();
  await expect(page.getByText('huangzc@example.cn')).toBeVisible();
  await wizardButton(page, '提交信息').click();

  // seed 004 第七步: 报名信息提交成功 + what happens next, with the 免考 hint
  await expect(page.getByText('报名信息提交成功')).toBeVisible();
  await expect(page.getByText('接下来')).toBeVisible();
  await expect(page.getByText('卫生机构审核通过后，由考核机构复核；复核通过即报名成功。')).toBeVisible();
  await expect(page.getByText('提示：报名审核通过后，可在首页查看免考条件，申请免考。')).toBeVisible();
  await page.getByRole('button', { name: '返回首页' }).click();
  await expect(page.getByTestId('enrolment-status')).toHaveText('待卫生机构审核');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await d.inst.dispose();
  await ctx.close();
});
