import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { removeFakeApi } from './fake-api';
import { fakeSheet, renderForm, type FakeSheet } from './scoring-fixture';

const cell = (code: string) => screen.getByTestId(`score-${code}`) as HTMLInputElement;
const saveState = () => screen.getByTestId('save-status').getAttribute('data-state');
const type = (code: string, text: string) => fireEvent.change(cell(code), { target: { value: text } });
/** Longer than the form's save delay: whatever was going to be sent by now has been. */
const pastTheDelay = () => new Promise((resolve) => setTimeout(resolve, 500));

let sheet: FakeSheet;
beforeEach(() => {
  sheet = fakeSheet();
});
afterEach(() => {
  cleanup();
  removeFakeApi();
});

describe('scoring form: autosave', () => {
  it('saves a typed score once, after typing stops, and only then counts it in the total', async () => {
    renderForm();
    await screen.findByTestId('score-B6');
    expect(screen.getByTestId('form-total').textContent).toBe('总分 0');

    type('B6', '1');
    type('B6', '1.5');
    expect(saveState()).toBe('saving');
    expect(sheet.api.callsTo('rounds:setItem')).toEqual([]);
    expect(screen.getByTestId('form-total').textContent).toBe('总分 0');

    await waitFor(() => expect(saveState()).toBe('saved'));
    expect(sheet.api.callsTo('rounds:setItem')).toEqual([
      { roundId: '2021Q1', communityId: 7, assessor: '', itemCode: 'B6', value: { kind: 'manual', tenths: 15 } },
    ]);
    expect(sheet.entries.items).toEqual([{ itemCode: 'B6', value: { kind: 'manual', tenths: 15 } }]);
    expect(screen.getByTestId('save-status').textContent).toMatch(/^已自动保存 \d\d:\d\d:\d\d$/);
    expect(screen.getByTestId('form-total').textContent).toBe('总分 1.5');
  });

  it('Enter sends the value at once and moves to the next item', async () => {
    renderForm();
    await screen.findByTestId('score-B6');
    cell('B6').focus();
    type('B6', '2');
    fireEvent.keyDown(cell('B6'), { key: 'Enter' });
    // Sent on the key, not after the delay.
    expect(sheet.api.callsTo('rounds:setItem').map((c) => c.value)).toEqual([{ kind: 'manual', tenths: 20 }]);
    expect(document.activeElement).toBe(cell('B7'));
    await waitFor(() => expect(saveState()).toBe('saved'));
  });

  it('leaving the field or the form sends what is still waiting', async () => {
    const { unmount } = renderForm();
    await screen.findByTestId('score-B6');
    type('F4', '1.3');
    fireEvent.blur(cell('F4'));
    expect(sheet.api.callsTo('rounds:setItem').map((c) => c.itemCode)).toEqual(['F4']);

    type('B6', '0.5');
    unmount();
    expect(sheet.api.callsTo('rounds:setItem').map((c) => [c.itemCode, c.value])).toEqual([
      ['F4', { kind: 'manual', tenths: 13 }],
      ['B6', { kind: 'manual', tenths: 5 }],
    ]);
    await waitFor(() => expect(sheet.entries.items).toHaveLength(2));
  });

  it('a refused save says why, keeps the typed value, and 重试 sends it again', async () => {
    renderForm();
    await screen.findByTestId('score-B6');
    sheet.refuseWrites = '本轮考评已提交，评分表不能再修改。';
    type('B6', '1.5');

    await waitFor(() => expect(saveState()).toBe('error'));
    expect(screen.getByTestId('save-status').textContent).toBe('未保存：本轮考评已提交，评分表不能再修改。');
    // The form was reloaded to show what is stored, and the typed text is still in its cell.
    await waitFor(() => expect(sheet.api.callsTo('rounds:form').length).toBe(2));
    expect(cell('B6').value).toBe('1.5');
    expect(sheet.entries.items).toEqual([]);
    expect(screen.getByTestId('form-total').textContent).toBe('总分 0');

    sheet.refuseWrites = null;
    fireEvent.click(screen.getByTestId('save-retry'));
    await waitFor(() => expect(saveState()).toBe('saved'));
    expect(sheet.api.callsTo('rounds:setItem').map((c) => c.value)).toEqual([
      { kind: 'manual', tenths: 15 },
      { kind: 'manual', tenths: 15 },
    ]);
    expect(sheet.entries.items).toEqual([{ itemCode: 'B6', value: { kind: 'manual', tenths: 15 } }]);
    expect(screen.queryByTestId('save-retry')).toBeNull();
    expect(screen.getByTestId('form-total').textContent).toBe('总分 1.5');
  });

  it('typing the cell again after a failure replaces the failed value instead of retrying it', async () => {
    renderForm();
    await screen.findByTestId('score-B6');
    sheet.refuseWrites = '数据库正忙，请稍后再试。';
    type('B6', '1');
    await waitFor(() => expect(saveState()).toBe('error'));

    sheet.refuseWrites = null;
    type('B6', '2');
    await waitFor(() => expect(saveState()).toBe('saved'));
    expect(sheet.entries.items).toEqual([{ itemCode: 'B6', value: { kind: 'manual', tenths: 20 } }]);
    expect(screen.queryByTestId('save-retry')).toBeNull();
  });
});

describe('scoring form: validation', () => {
  it('refuses an out-of-range score on the spot, sends nothing, and keeps the focus until corrected', async () => {
    renderForm();
    await screen.findByTestId('score-B6');
    cell('B6').focus();
    type('B6', '1');
    type('B6', '13');
    expect(screen.getByText('得分应在0至2分之间')).toBeTruthy();
    expect(cell('B6').getAttribute('aria-invalid')).toBe('true');

    fireEvent.keyDown(cell('B6'), { key: 'ArrowDown' });
    expect(document.activeElement).toBe(cell('B6'));
    await pastTheDelay();
    // The partial "1" typed before the refused "13" was dropped too.
    expect(sheet.api.callsTo('rounds:setItem')).toEqual([]);

    type('B6', '1');
    expect(screen.queryByText('得分应在0至2分之间')).toBeNull();
    fireEvent.keyDown(cell('B6'), { key: 'ArrowDown' });
    expect(sheet.api.callsTo('rounds:setItem').map((c) => c.value)).toEqual([{ kind: 'manual', tenths: 10 }]);
  });

  it('refuses a score off the item’s step', async () => {
    renderForm();
    await screen.findByTestId('score-B6');
    type('B6', '0.3');
    expect(screen.getByText('得分须按0.5分递增（如0、0.5、1…）')).toBeTruthy();
    await pastTheDelay();
    expect(sheet.api.callsTo('rounds:setItem')).toEqual([]);
  });

  it('a deduction needs an amount and, for another reason, what was found', async () => {
    renderForm();
    await screen.findByTestId('score-C4');
    fireEvent.focus(cell('C4'));
    await screen.findByTestId('item-panel');

    fireEvent.change(screen.getByTestId('ded-amount'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('ded-add'));
    expect(screen.getByText('请填写扣分分值（大于0）。')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('扣分原因'), { target: { value: '' } });
    fireEvent.change(screen.getByTestId('ded-amount'), { target: { value: '0.5' } });
    fireEvent.click(screen.getByTestId('ded-add'));
    expect(screen.getByText('请选择扣分原因或填写具体情况。')).toBeTruthy();
    expect(sheet.api.callsTo('rounds:addDeduction')).toEqual([]);

    fireEvent.change(screen.getByTestId('ded-text'), { target: { value: '宣传栏破损' } });
    fireEvent.click(screen.getByTestId('ded-add'));
    await screen.findByTestId('ledger-row');
    expect(sheet.api.callsTo('rounds:addDeduction')).toEqual([
      expect.objectContaining({ itemCode: 'C4', reasonCode: null, text: '宣传栏破损', amountTenths: 5 }),
    ]);
    expect(screen.getByTestId('ledger-row').textContent).toContain('−0.5 宣传栏破损');
  });

  it('a 清单外 deduction records the department that imposed it, shown in the ledger', async () => {
    renderForm();
    await screen.findByTestId('score-C4');
    fireEvent.focus(cell('C4'));
    await screen.findByTestId('item-panel');
    fireEvent.change(screen.getByTestId('ded-amount'), { target: { value: '1' } });
    fireEvent.change(screen.getByTestId('ded-text'), { target: { value: '摊派迎检材料' } });
    fireEvent.change(screen.getByTestId('ded-department'), { target: { value: '民政局' } });
    fireEvent.click(screen.getByTestId('ded-add'));
    await screen.findByTestId('ledger-department');
    expect(sheet.api.callsTo('rounds:addDeduction')).toEqual([
      expect.objectContaining({ itemCode: 'C4', text: '摊派迎检材料', amountTenths: 10, department: '民政局' }),
    ]);
    expect(screen.getByTestId('ledger-department').textContent).toBe('清单外 · 民政局');
  });

  it('不适用 and 调整得分 are offered only with a reason', async () => {
    renderForm();
    await screen.findByTestId('score-B6');
    fireEvent.focus(cell('B6'));
    await screen.findByTestId('item-panel');
    expect(screen.getByTestId('na-set').hasAttribute('disabled')).toBe(true);
    fireEvent.change(screen.getByTestId('ov-score'), { target: { value: '1' } });
    expect(screen.getByTestId('ov-set').hasAttribute('disabled')).toBe(true);
    fireEvent.change(screen.getByTestId('ov-reason'), { target: { value: '复核后调整' } });
    expect(screen.getByTestId('ov-set').hasAttribute('disabled')).toBe(false);
    fireEvent.change(screen.getByTestId('na-reason'), { target: { value: '辖区无此项工作' } });
    fireEvent.click(screen.getByTestId('na-set'));
    await waitFor(() => expect(sheet.entries.items).toEqual([{ itemCode: 'B6', na: { reason: '辖区无此项工作' } }]));
  });
});
