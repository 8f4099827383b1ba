import { rig } from './helpers';

describe('init sequence', () => {
  it('should initialise, identify and become ready with a full snapshot', async () => {
    const { supervisor, modem } = rig();
    await supervisor.start();
    expect(supervisor.state).toBe('ready');
    await supervisor.sweepNow();
    const commands = modem.commands;
    const order = [
      'AT',
      'ATE0',
      'AT+CMEE=1',
      'AT+CGMI',
      'AT+CGMM',
      'AT+CGMR',
      'AT+CPIN?',
      'AT+CMGF=0',
      'AT+CPMS=?',
      'AT+CPMS="SM","SM","SM"',
      'AT+CNMI=?',
      'AT+CNMI=2,1,0,0,0',
      'AT+CGSN',
      'AT+CIMI',
      'AT+CCID',
      'AT+CNUM',
      'AT+CSQ',
      'AT+CREG?',
      'AT+COPS?',
      'AT+CPMS?',
      'AT+CMGL=4',
    ];
    let at = 0;
    for (const expected of order) {
      const found = commands.indexOf(expected, at);
      expect({ expected, found: found >= 0 }).toEqual({ expected, found: true });
      at = found + 1;
    }
    expect(commands.some((c) => /^AT\+CMGD=\d+,\d/.test(c))).toBe(false);
    expect(supervisor.snapshot()).toMatchObject({
      port: '/dev/fake0',
      state: 'ready',
      manufacturer: 'SIMCOM_Ltd',
      model: 'SIMCOM_SIM800L',
      imei: '861234567890123',
      imsi: '450051234567890',
      iccid: '8982012345678901234',
      ownNumber: '+821012345678',
      signalDbm: -71,
      registration: 'home',
      operator: 'SKTelecom',
      storageUsed: 0,
      storageTotal: 30,
      lastError: null,
    });
    await supervisor.stop();
    expect(supervisor.state).toBe('closed');
  });

  it('should send the Huawei URC hygiene command and use ^ICCID', async () => {
    const { supervisor, modem } = rig({}, (m) => {
      m.identity.manufacturer = 'huawei';
      m.identity.model = 'E3372';
      m.on(/^AT\+CCID$/, ['ERROR'])
        .on(/^AT\^CURC=0$/, ['OK'])
        .on(/^AT\^ICCID\?$/, ['^ICCID: 98280100000000000000', 'OK']);
    });
    await supervisor.start();
    expect(modem.commands).toContain('AT^CURC=0');
    expect(supervisor.snapshot().iccid).toBe('89821000000000000000');
    await supervisor.stop();
  });

  it('should fall back through CNMI candidates and keep going when +CNUM is empty', async () => {
    const { supervisor, modem } = rig({}, (m) => {
      m.on(/^AT\+CNMI=2,1,0,0,0$/, ['+CMS ERROR: 303']).on(/^AT\+CNUM$/, ['OK']);
    });
    await supervisor.start();
    expect(modem.commands).toContain('AT+CNMI=2,1,0,2,0');
    expect(supervisor.snapshot()).toMatchObject({ state: 'ready', ownNumber: null });
    await supervisor.stop();
  });

  it('should retry SMS commands the module refuses until it is SMS Ready', async () => {
    const { supervisor, modem } = rig({}, (m) => m.on(/^AT\+CMGF=0$/, ['ERROR'], 2));
    await supervisor.start();
    expect(modem.commands.filter((c) => c === 'AT+CMGF=0')).toHaveLength(3);
    expect(supervisor.state).toBe('ready');
    await supervisor.stop();
  });

  it('should not become ready with a SIM that needs a PIN', async () => {
    const { supervisor, modem } = rig({ failAfterAttempts: 1, reconnectMinMs: 1_000 }, (m) =>
      m.on(/^AT\+CPIN\?$/, ['+CPIN: SIM PIN', 'OK']),
    );
    try {
      await supervisor.start();
      expect(supervisor.snapshot()).toMatchObject({
        state: 'sim_not_ready',
        lastError: expect.stringContaining('SIM PIN'),
      });
      expect(modem.commands.some((c) => c.startsWith('AT+CPIN='))).toBe(false);
    } finally {
      await supervisor.stop();
    }
  });

  it('should show sim_not_ready when the SIM is missing (+CME ERROR: 10)', async () => {
    const { supervisor } = rig({ failAfterAttempts: 1, reconnectMinMs: 1_000 }, (m) =>
      m.on(/^AT\+CPIN\?$/, ['+CME ERROR: 10']),
    );
    try {
      await supervisor.start();
      expect(supervisor.snapshot()).toMatchObject({
        state: 'sim_not_ready',
        lastError: expect.stringContaining('SIM not inserted'),
      });
    } finally {
      await supervisor.stop();
    }
  });
});
