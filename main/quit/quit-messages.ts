// The quit question in the shop's language: main shows it as a native dialog, so it cannot use the renderer's catalogues.
export type QuitLanguage = 'en' | 'ms' | 'zh';

interface QuitWords {
  title: string;
  message: (queued: number) => string;
  detail: string;
  send: string;
  quit: string;
  stay: string;
}

export const QUIT_WORDS: Record<QuitLanguage, QuitWords> = {
  en: {
    title: 'Quit Kaunter?',
    message: (queued) => (queued === 1 ? '1 award has not been sent yet.' : `${queued} awards have not been sent yet.`),
    detail: 'They are saved. If you quit now, they are sent the next time Kaunter starts. Send now tries to send them while Kaunter stays open.',
    send: 'Send now',
    quit: 'Quit anyway',
    stay: 'Cancel',
  },
  ms: {
    title: 'Keluar dari Kaunter?',
    message: (queued) => `${queued} ganjaran belum dihantar.`,
    detail: 'Semuanya telah disimpan. Jika anda keluar sekarang, ia akan dihantar apabila Kaunter dibuka semula. Hantar sekarang cuba menghantarnya sementara Kaunter kekal dibuka.',
    send: 'Hantar sekarang',
    quit: 'Keluar juga',
    stay: 'Batal',
  },
  zh: {
    title: '退出 Kaunter？',
    message: (queued) => `还有 ${queued} 笔积分未发送。`,
    detail: '它们已保存。现在退出的话，会在下次启动 Kaunter 时发送。“立即发送”会在 Kaunter 保持打开时尝试发送。',
    send: '立即发送',
    quit: '仍然退出',
    stay: '取消',
  },
};
